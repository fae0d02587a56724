package io.splitflow.deserialize.batch;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.job.JobVersion;
import io.splitflow.deserialize.evolution.DecodePlanners;
import org.apache.spark.sql.SparkSession;

/** Builds a dataset's batch processor from its config: decoder, tombstones, rules. */
public final class BatchProcessors {
  private BatchProcessors() {}

  /**
   * The processor of the streaming job: with {@code schema-evolution: add-columns}, new fields of a
   * batch become bronze columns ({@link BatchProcessor.Processed#addedColumns()}).
   */
  public static BatchProcessor forStream(SparkSession spark, DatasetConfig dataset) {
    return processor(spark, dataset, true);
  }

  /**
   * A processor that decodes the declared fields and, with {@code add-columns}, the columns bronze
   * has gained, but adds none: its bronze rows append without schema merge (dead-letter replay).
   */
  public static BatchProcessor forDataset(SparkSession spark, DatasetConfig dataset) {
    return processor(spark, dataset, false);
  }

  /**
   * The processor of the dead-letter replay: like the streaming job's, with {@code add-columns} the
   * new fields of the replayed records become bronze columns within the dataset's {@code
   * schema-growth}, so records refused by a limit since raised reach bronze with their values.
   */
  public static BatchProcessor forReplay(SparkSession spark, DatasetConfig dataset) {
    return processor(spark, dataset, true);
  }

  private static BatchProcessor processor(
      SparkSession spark, DatasetConfig dataset, boolean addColumns) {
    return new BatchProcessor(
        DecodePlanners.forDataset(spark, dataset, addColumns),
        RuleStages.forDataset(spark, dataset),
        JobVersion.current());
  }
}
