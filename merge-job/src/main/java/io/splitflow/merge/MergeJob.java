package io.splitflow.merge;

import io.splitflow.common.cli.JobCommand;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobErrors;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobVersion;
import io.splitflow.common.job.StreamingJob;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.dedupe.Versions;
import io.splitflow.merge.gold.GoldTable;
import io.splitflow.merge.metrics.MergeEvents;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;

/** Bronze to gold: one idempotent Delta MERGE per micro-batch, SCD1 or SCD2 (see MergeBatch). */
@Command(
    name = "merge-job",
    mixinStandardHelpOptions = true,
    versionProvider = JobVersion.class,
    description = "bronze -> gold through an idempotent Delta MERGE (SCD1 or SCD2).")
public final class MergeJob extends JobCommand implements StreamingJob {

  public static void main(String[] args) {
    JobCommand.main(new MergeJob(), args);
  }

  @Override
  protected JobName job() {
    return JobName.MERGE;
  }

  @Override
  protected StreamingJob streamingJob() {
    return new MergeJob();
  }

  @Override
  public void validate(SparkSession spark, JobContext context) {
    spec(spark, context);
  }

  /** Checks the input table and the merge settings against it; writes nothing. */
  private static MergeSpec spec(SparkSession spark, JobContext context) {
    DatasetConfig dataset = context.dataset();
    TableRef bronze = context.table(TableLayer.BRONZE);
    if (!bronze.exists(spark)) {
      throw JobErrors.inputMissing(bronze, dataset.name(), JobName.DESERIALIZE);
    }
    MergeSpec spec = MergeSpec.of(dataset, MergeTuning.from(spark.conf()));
    Versions.checkDeleteWhen(bronze.read(spark), spec);
    TableRef gold = context.table(TableLayer.GOLD);
    if (gold.exists(spark)) {
      // a gold laid out otherwise stops the job here, before its checkpoint lock and any table
      GoldTable.check(spark, gold, spec);
    }
    return spec;
  }

  /**
   * Creates gold and the merge-events table if they are missing (the job's own, or the bench's).
   */
  public static void ensureTables(SparkSession spark, JobContext context, MergeSpec spec) {
    GoldTable.ensure(spark, GoldTable.definition(context.dataset(), spec), spec);
    TableInitializer.ensure(
        spark, TableDefinitions.mergeEvents(context.dataset(), MergeEvents.schema()));
  }

  @Override
  public StreamingQuery start(SparkSession spark, JobContext context) throws TimeoutException {
    TableRef bronze = context.table(TableLayer.BRONZE);
    MergeSpec spec = spec(spark, context);
    ensureTables(spark, context, spec);
    return bronze
        .readStream(spark.readStream().options(context.dataset().sizing().deltaSourceOptions()))
        .writeStream()
        .queryName(context.queryName())
        .option("checkpointLocation", context.checkpoint())
        .trigger(context.trigger().toSparkTrigger())
        .foreachBatch(new GoldBatchWriter(context))
        .start();
  }
}
