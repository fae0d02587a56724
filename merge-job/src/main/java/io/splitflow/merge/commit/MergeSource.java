package io.splitflow.merge.commit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * A MERGE source computed once, before the MERGE: Delta reads its source twice (to find the files
 * to rewrite, then to rewrite them), and both reads must see the same rows. Delta would copy the
 * source to disk itself; frozen here, the copy the batch's counts are taken from is the one the
 * MERGE reads, and {@link BatchTxn} tells Delta not to copy it again. Lineage is cut, so a lost
 * block fails the batch (which is then run again) instead of being recomputed differently.
 */
public final class MergeSource implements AutoCloseable {
  private final Dataset<Row> rows;

  private MergeSource(Dataset<Row> rows) {
    this.rows = rows;
  }

  public static MergeSource freeze(Dataset<Row> rows) {
    return new MergeSource(rows.localCheckpoint(true, StorageLevel.MEMORY_AND_DISK()));
  }

  public Dataset<Row> rows() {
    return rows;
  }

  @Override
  public void close() {
    LogicalPlan plan = rows.queryExecution().analyzed();
    if (plan instanceof LogicalRDD rdd) {
      rdd.rdd().unpersist(false);
    }
  }
}
