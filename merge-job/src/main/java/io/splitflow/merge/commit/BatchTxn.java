package io.splitflow.merge.commit;

import io.splitflow.common.table.Transactions;
import io.splitflow.merge.metrics.BatchCounts;
import io.splitflow.merge.metrics.ScanMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How a batch commits to gold: once per (appId, batchId), tagged with its counts, with Delta's
 * schema merge on when the dataset lets gold gain columns.
 */
public record BatchTxn(SparkSession spark, String appId, long batchId, boolean addColumns) {

  /** Runs the MERGE once per (appId, batchId) and returns its scan metrics. */
  public Map<String, String> commit(BatchCounts counts, Supplier<Dataset<Row>> merge) {
    Map<String, String> confs = new LinkedHashMap<>();
    confs.put(SessionConfs.USER_METADATA, BatchCommits.marker(appId, batchId, counts));
    if (addColumns) {
      confs.put(SessionConfs.AUTO_MERGE, "true");
    }
    AtomicReference<Dataset<Row>> result = new AtomicReference<>();
    Transactions.runOnce(
        spark,
        appId,
        batchId,
        () -> SessionConfs.with(spark, confs, () -> result.set(merge.get())));
    return ScanMetrics.of(result.get());
  }
}
