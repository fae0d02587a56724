package io.splitflow.deserialize.batch;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.job.JobVersion;
import io.splitflow.deserialize.decode.BatchDecoder;
import io.splitflow.deserialize.decode.RecordDecoders;
import org.apache.spark.sql.SparkSession;

/** Builds a dataset's batch processor from its config: decoder, tombstones, rules. */
public final class BatchProcessors {
  private BatchProcessors() {}

  public static BatchProcessor forDataset(SparkSession spark, DatasetConfig dataset) {
    return new BatchProcessor(
        dataset.fields(),
        new BatchDecoder(
            dataset.fields(),
            RecordDecoders.forDataset(dataset),
            RecordDecoders.tombstones(dataset)),
        RuleStages.forDataset(spark, dataset),
        JobVersion.current());
  }
}
