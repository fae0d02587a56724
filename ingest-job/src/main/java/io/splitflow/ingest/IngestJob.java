package io.splitflow.ingest;

import io.splitflow.common.cli.JobCommand;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.StreamingJob;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableInitializer;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;

/**
 * Kafka to raw. Each micro-batch is one Delta append tagged with (txnAppId, batch id), so with this
 * job's checkpoint it is exactly once: a batch re-run after a crash finds its append committed and
 * skips it.
 */
@Command(
    name = "ingest-job",
    mixinStandardHelpOptions = true,
    versionProvider = io.splitflow.common.job.JobVersion.class,
    description = "Kafka -> raw Delta table (bytes and Kafka coordinates).")
public final class IngestJob extends JobCommand implements StreamingJob {
  private RawBatchWriter writer;

  public static void main(String[] args) {
    JobCommand.main(new IngestJob(), args);
  }

  @Override
  protected JobName job() {
    return JobName.INGEST;
  }

  @Override
  protected StreamingJob streamingJob() {
    return new IngestJob();
  }

  @Override
  public StreamingQuery start(SparkSession spark, JobContext context) throws TimeoutException {
    TableInitializer.ensure(spark, TableDefinitions.raw(context.config(), context.dataset()));

    Dataset<Row> kafka =
        spark
            .readStream()
            .format("kafka")
            .options(KafkaSourceOptions.of(context.config().kafka(), context.dataset()))
            .load();
    release();
    writer = new RawBatchWriter(context);
    return kafka
        .writeStream()
        .queryName(context.queryName())
        .option("checkpointLocation", context.checkpoint())
        .trigger(context.trigger().toSparkTrigger())
        .foreachBatch(writer)
        .start();
  }

  @Override
  public void release() {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }
}
