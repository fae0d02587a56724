package io.splitflow.ingest;

import io.splitflow.common.cli.JobCommand;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.StreamingJob;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;

/**
 * Kafka to raw. The Delta sink with this job's checkpoint makes it exactly once: the sink records
 * each batch under the query id and skips a batch it has already committed.
 */
@Command(
    name = "ingest-job",
    mixinStandardHelpOptions = true,
    versionProvider = io.splitflow.common.job.JobVersion.class,
    description = "Kafka -> raw Delta table (bytes and Kafka coordinates).")
public final class IngestJob extends JobCommand implements StreamingJob {

  public static void main(String[] args) {
    JobCommand.main(new IngestJob(), args);
  }

  @Override
  protected JobName job() {
    return JobName.INGEST;
  }

  @Override
  protected StreamingJob streamingJob() {
    return this;
  }

  @Override
  public StreamingQuery start(SparkSession spark, JobContext context) throws TimeoutException {
    TableRef raw = context.table(TableLayer.RAW);
    TableInitializer.ensure(spark, raw, TableSchemas.raw(), "ingest_date", Map.of());

    Dataset<Row> kafka =
        spark
            .readStream()
            .format("kafka")
            .options(KafkaSourceOptions.of(context.config().kafka(), context.dataset()))
            .load();
    DataStreamWriter<Row> writer =
        RawRows.fromKafka(kafka)
            .writeStream()
            .queryName(context.queryName())
            .format("delta")
            .outputMode("append")
            .partitionBy("ingest_date")
            .option("checkpointLocation", context.checkpoint())
            .trigger(context.trigger().toSparkTrigger());
    return raw.isPath() ? writer.start(raw.path()) : writer.toTable(raw.name());
  }
}
