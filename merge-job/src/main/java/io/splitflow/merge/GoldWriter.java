package io.splitflow.merge;

import io.splitflow.merge.commit.BatchTxn;
import io.splitflow.merge.gold.BatchPredicates;
import io.splitflow.merge.metrics.BatchCounts;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One merge mode: works out what a batch changes in gold, then commits it through the txn. */
public interface GoldWriter {
  /**
   * @param versions the batch's applicable versions, persisted
   * @param versionCount how many rows {@code versions} has
   * @param skipped input rows left out as not applicable
   * @param predicates the batch's partition and key values, to prune gold's reads with
   */
  Written write(
      Dataset<Row> versions,
      long versionCount,
      long skipped,
      BatchPredicates predicates,
      BatchTxn txn);

  /** What the batch did, and how much of gold its MERGE scanned (empty without a MERGE). */
  record Written(BatchCounts counts, Map<String, String> scan) {}
}
