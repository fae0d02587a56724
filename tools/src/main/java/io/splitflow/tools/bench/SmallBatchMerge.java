package io.splitflow.tools.bench;

import static org.apache.spark.sql.functions.col;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.MergeBatch;
import io.splitflow.merge.MergeJob;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.MergeTuning;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Merge in many small batches: bronze cut into the batches an ingest with {@code
 * max-offsets-per-trigger = batchRecords} would have made (per partition, consecutive offset
 * ranges), each merged into a fresh gold with merge's own {@link MergeBatch}, one after another.
 * Bounded by {@code limit} records: two hundred MERGEs would outlast the rest of the bench, and the
 * per-record cost is what this setting shows.
 */
final class SmallBatchMerge {
  private SmallBatchMerge() {}

  /** Merges bronze's first {@code limit} records (by offset) in batches; returns the records. */
  static long run(
      SparkSession spark,
      JobContext source,
      JobContext target,
      int partitions,
      long batchRecords,
      long limit) {
    MergeSpec spec = MergeSpec.of(target.dataset(), MergeTuning.from(spark.conf()));
    TableRef gold = target.table(TableLayer.GOLD);
    MergeJob.ensureTables(spark, target, spec);
    long perPartition = Math.max(1, batchRecords / partitions);
    long batches = Math.max(1, (limit + batchRecords - 1) / batchRecords);
    Dataset<Row> bronze =
        source
            .table(TableLayer.BRONZE)
            .read(spark)
            .where(col(TableSchemas.SOURCE + ".offset").lt(batches * perPartition))
            .persist(StorageLevel.MEMORY_ONLY());
    try {
      long records = bronze.count();
      MergeBatch merge = new MergeBatch(spark, spec, gold, target.table(TableLayer.MERGE_EVENTS));
      for (long batch = 0; batch < batches; batch++) {
        Column offset = col(TableSchemas.SOURCE + ".offset");
        merge.run(
            bronze.where(
                offset.geq(batch * perPartition).and(offset.lt((batch + 1) * perPartition))),
            batch,
            "splitflow-bench-small-batches");
      }
      return records;
    } finally {
      bronze.unpersist();
    }
  }
}
