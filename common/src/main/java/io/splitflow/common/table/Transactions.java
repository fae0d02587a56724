package io.splitflow.common.table;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * Idempotent writes keyed by (app id, batch id): Delta skips a version it has already committed for
 * that app id, so a batch that Spark re-runs after a failure is applied once per table.
 */
public final class Transactions {
  private static final String APP_ID_CONF = "spark.databricks.delta.write.txnAppId";
  private static final String VERSION_CONF = "spark.databricks.delta.write.txnVersion";

  /**
   * The MERGE confs are session-wide: writers on one session take turns setting them. Each
   * streaming query runs its batches on a session of its own (Spark clones it), so the queries of
   * several datasets in one application MERGE side by side.
   */
  private static final Map<SparkSession, Object> SESSION_TXN_LOCKS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Transactions() {}

  /** Delta's write option that adds new columns of the rows to the table's schema. */
  public static final String MERGE_SCHEMA = "mergeSchema";

  /** Delta's write option whose value goes into the commit's {@code userMetadata}. */
  public static final String USER_METADATA = "userMetadata";

  /** Appends {@code rows} unless (appId, batchId) was committed to {@code table} already. */
  public static void appendOnce(Dataset<Row> rows, TableRef table, String appId, long batchId) {
    appendOnce(rows, table, appId, batchId, Map.of());
  }

  /**
   * Like {@link #appendOnce(Dataset, TableRef, String, long)}, with Delta write {@code options}
   * ({@link #MERGE_SCHEMA}, {@link #USER_METADATA}). Tables at a path take {@link
   * IdempotentAppend}'s way (the same commit, without rebuilding the table's state per write);
   * catalog tables, and every table on a Delta build whose internals {@link IdempotentAppend}
   * cannot call, Delta's {@code txnAppId}/{@code txnVersion} write options.
   */
  public static void appendOnce(
      Dataset<Row> rows, TableRef table, String appId, long batchId, Map<String, String> options) {
    if (viaIdempotentAppend(
            table, () -> IdempotentAppend.append(rows, table.path(), appId, batchId, options))
        .isPresent()) {
      return;
    }
    table.append(
        rows.write().options(options).option("txnAppId", appId).option("txnVersion", batchId));
  }

  /**
   * Appends {@code rows}, computed from {@code table} as it was at {@code readVersion}, once per
   * (appId, batchId), if nothing else was committed to the table since: for a batch whose rows are
   * all new to it, an append does what a MERGE would at a fraction of its cost. Returns false,
   * having written nothing, when the table moved on or is a catalog table (the caller MERGEs
   * instead); a commit by anyone else between this one's read and its commit fails it as a MERGE's
   * would.
   */
  public static boolean appendOnceIfUnchanged(
      Dataset<Row> rows,
      TableRef table,
      String appId,
      long batchId,
      Map<String, String> options,
      long readVersion) {
    return viaIdempotentAppend(
            table,
            () ->
                IdempotentAppend.appendIfUnchanged(
                    rows, table.path(), appId, batchId, options, readVersion))
        .filter(outcome -> outcome != IdempotentAppend.Outcome.TABLE_MOVED)
        .isPresent();
  }

  /**
   * What {@code append} returned, or empty when the table is a catalog table or this Delta build's
   * internals are not the ones {@link IdempotentAppend} calls (e.g. a platform's own build): the
   * caller then takes Delta's own way.
   */
  private static <T> Optional<T> viaIdempotentAppend(TableRef table, Supplier<T> append) {
    if (!table.isPath() || !IdempotentAppend.usable()) {
      return Optional.empty();
    }
    try {
      return Optional.of(append.get());
    } catch (LinkageError e) {
      IdempotentAppend.disable(e);
      return Optional.empty();
    }
  }

  /**
   * The newest version of a table at a path this JVM has seen, without looking at the store again;
   * empty for a catalog table.
   */
  public static OptionalLong knownVersion(SparkSession spark, TableRef table) {
    return table.isPath()
        ? OptionalLong.of(DeltaLog.forTable(spark, table.path()).unsafeVolatileSnapshot().version())
        : OptionalLong.empty();
  }

  /** Runs a MERGE (or any DML) so that Delta skips it if (appId, batchId) was already committed. */
  public static void runOnce(SparkSession spark, String appId, long batchId, Runnable write) {
    synchronized (SESSION_TXN_LOCKS.computeIfAbsent(spark, session -> new Object())) {
      spark.conf().set(APP_ID_CONF, appId);
      spark.conf().set(VERSION_CONF, Long.toString(batchId));
      try {
        write.run();
      } finally {
        spark.conf().unset(APP_ID_CONF);
        spark.conf().unset(VERSION_CONF);
      }
    }
  }

  /** The streaming query id, which Spark sets on the thread that runs foreachBatch. */
  public static String currentQueryId(SparkSession spark) {
    String id = spark.sparkContext().getLocalProperty("sql.streaming.queryId");
    if (id == null) {
      throw new IllegalStateException("not inside a streaming batch: no query id on this thread");
    }
    return id;
  }
}
