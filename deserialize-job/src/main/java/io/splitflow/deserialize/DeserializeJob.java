package io.splitflow.deserialize;

import io.splitflow.common.cli.JobCommand;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobErrors;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobVersion;
import io.splitflow.common.job.StreamingJob;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.deserialize.batch.BatchProcessor;
import io.splitflow.deserialize.batch.BatchProcessors;
import io.splitflow.deserialize.replay.ReplayCommand;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;

/** Raw to bronze and dead letters, reading raw as a Delta stream from this job's checkpoint. */
@Command(
    name = "deserialize-job",
    mixinStandardHelpOptions = true,
    versionProvider = JobVersion.class,
    subcommands = ReplayCommand.class,
    description = "raw -> bronze (typed) + dead-letter table (every record that fails).")
public final class DeserializeJob extends JobCommand implements StreamingJob {

  public static void main(String[] args) {
    JobCommand.main(new DeserializeJob(), args);
  }

  @Override
  protected JobName job() {
    return JobName.DESERIALIZE;
  }

  @Override
  protected StreamingJob streamingJob() {
    return new DeserializeJob();
  }

  @Override
  public void validate(SparkSession spark, JobContext context) {
    processor(spark, context);
  }

  /** Compiles the rules: a rule that does not parse stops the job before anything is written. */
  private static BatchProcessor processor(SparkSession spark, JobContext context) {
    TableRef raw = context.table(TableLayer.RAW);
    if (!raw.exists(spark)) {
      throw JobErrors.inputMissing(raw, context.dataset().name(), JobName.INGEST);
    }
    return BatchProcessors.forStream(spark, context.dataset());
  }

  @Override
  public StreamingQuery start(SparkSession spark, JobContext context) throws TimeoutException {
    TableRef raw = context.table(TableLayer.RAW);
    BatchProcessor processor = processor(spark, context);
    TableInitializer.ensure(spark, TableDefinitions.bronze(context.dataset()));
    TableInitializer.ensure(spark, TableDefinitions.deadLetter(context.dataset()));

    // raw only changes by appends and by `splitflow maintain` deleting partitions this job has
    // read: skipping those delete commits keeps the stream going and loses nothing
    Dataset<Row> rawStream =
        raw.readStream(
            spark
                .readStream()
                .options(context.dataset().sizing().deltaSourceOptions())
                .option("skipChangeCommits", "true"));
    return rawStream
        .writeStream()
        .queryName(context.queryName())
        .option("checkpointLocation", context.checkpoint())
        .trigger(context.trigger().toSparkTrigger())
        .foreachBatch(new BronzeBatchWriter(context, processor))
        .start();
  }
}
