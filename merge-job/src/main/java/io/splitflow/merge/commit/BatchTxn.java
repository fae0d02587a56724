package io.splitflow.merge.commit;

import io.splitflow.common.table.TableRef;
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

  /**
   * Appends {@code rows}, all for keys gold does not hold as of {@code goldVersion}, once per
   * (appId, batchId), with the same commit marker a MERGE would carry: what a MERGE of rows that
   * match nothing writes, without its join against gold. Returns false, having written nothing,
   * when gold moved past {@code goldVersion} or cannot take such an append (a catalog table): the
   * caller MERGEs then.
   */
  public boolean appendNewKeys(
      BatchCounts counts, Dataset<Row> rows, TableRef gold, long goldVersion) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(Transactions.USER_METADATA, BatchCommits.marker(appId, batchId, counts));
    if (addColumns) {
      options.put(Transactions.MERGE_SCHEMA, "true");
    }
    return Transactions.appendOnceIfUnchanged(rows, gold, appId, batchId, options, goldVersion);
  }

  /**
   * Runs the MERGE once per (appId, batchId) and returns its scan metrics. The writers hand the
   * MERGE a {@link MergeSource}, so Delta need not copy the source to disk before reading it twice,
   * unless the session asks for that explicitly.
   */
  public Map<String, String> commit(BatchCounts counts, Supplier<Dataset<Row>> merge) {
    Map<String, String> confs = new LinkedHashMap<>();
    confs.put(SessionConfs.USER_METADATA, BatchCommits.marker(appId, batchId, counts));
    if (!spark.conf().getAll().contains(SessionConfs.MATERIALIZE_SOURCE)) {
      confs.put(SessionConfs.MATERIALIZE_SOURCE, "none");
    }
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
