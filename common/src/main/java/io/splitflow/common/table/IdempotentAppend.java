package io.splitflow.common.table;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.DeltaOptions;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.OptimisticTransaction$;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.commands.DMLUtils;
import org.apache.spark.sql.delta.commands.WriteIntoDelta;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Delta append keyed by (app id, version), as the {@code txnAppId}/{@code txnVersion} write
 * options make it, without their cost. Delta answers "has this app committed this version?" from
 * the table's full state, which it rebuilds from the log (a Spark job over the last checkpoint and
 * every commit since) on each write: for a micro-batch of a few thousand rows that lookup costs
 * more than the write. Here the answer is kept per (table, app id) and brought up to date from the
 * commits since it was last known, one small JSON file each (usually one: this writer's own last
 * commit). The first append of an app id in a JVM asks Delta, once.
 *
 * <p>The append is Delta's own ({@link WriteIntoDelta} with the same options: schema checks,
 * constraints, schema merge, statistics, operation metrics), and the commit carries the same {@code
 * SetTransaction} action, so Delta's own check, the idempotent writes of earlier versions, Delta
 * Kernel's {@code getLatestTransactionVersion} and {@code status} all see the same thing. The app
 * id is in the transaction's read set, so a commit of the same app id by another driver between
 * this one's read and commit fails this commit, as with Delta's check.
 */
final class IdempotentAppend {
  /** What is known of an app id on a table: its committed version as of a table version. */
  record Known(long tableVersion, long txnVersion) {}

  /** Past this many commits since the known answer, Delta's own lookup is the cheaper one. */
  static final int MAX_CATCH_UP = 100;

  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.delta");

  private static final Map<String, Known> KNOWN = new ConcurrentHashMap<>();

  private IdempotentAppend() {}

  private static volatile boolean usable = true;

  /** False once this Delta build turned out not to have the internals used here. */
  static boolean usable() {
    return usable;
  }

  /**
   * Stops using this way for the JVM's life: Delta's internals ({@link WriteIntoDelta}'s
   * constructor, the transaction's read set) are not an API and differ in other builds of Delta,
   * e.g. a platform's own. The append then falls back to Delta's write options, which cost the
   * state rebuild but are the same commit.
   */
  static void disable(LinkageError e) {
    if (usable) {
      usable = false;
      LOG.warn(
          "appends fall back to Delta's txnAppId/txnVersion write options: this Delta build lacks"
              + " {}",
          e.toString());
    }
  }

  /** Forgets what is known, as a new JVM would (tests). */
  static void forget() {
    KNOWN.clear();
  }

  /**
   * Appends {@code rows} to the table at {@code path} unless (appId, version) is committed there.
   * {@code options} are Delta's write options (e.g. {@code mergeSchema}). Returns whether it wrote.
   */
  static boolean append(
      Dataset<Row> rows, String path, String appId, long version, Map<String, String> options) {
    return write(rows, path, appId, version, options, null) == Outcome.WRITTEN;
  }

  /** What {@link #appendIfUnchanged} did. */
  enum Outcome {
    WRITTEN,
    ALREADY_COMMITTED,
    TABLE_MOVED
  }

  /**
   * Like {@link #append}, for rows computed from the table as of {@code readVersion}: nothing is
   * written ({@link Outcome#TABLE_MOVED}) when the table is past that version, and the transaction
   * counts as having read the whole table, so a commit by anyone else that lands before this one
   * adds or removes files fails it with Delta's concurrent-modification error, as a MERGE's would.
   */
  static Outcome appendIfUnchanged(
      Dataset<Row> rows,
      String path,
      String appId,
      long version,
      Map<String, String> options,
      long readVersion) {
    return write(rows, path, appId, version, options, readVersion);
  }

  private static Outcome write(
      Dataset<Row> rows,
      String path,
      String appId,
      long version,
      Map<String, String> options,
      Long readVersion) {
    SparkSession spark = rows.sparkSession();
    DeltaLog log = DeltaLog.forTable(spark, new Path(path));
    String key = log.dataPath() + "\u0000" + appId;
    OptimisticTransaction txn = log.startTransaction(Option.empty(), Option.empty());
    OptimisticTransaction$.MODULE$.setActive(txn);
    try {
      Snapshot snapshot = txn.snapshot();
      long committed = committedVersion(log, snapshot, key, appId);
      txn.readTxn().$plus$eq(appId); // a concurrent commit of this app id conflicts, as in Delta
      if (committed >= version) {
        KNOWN.put(key, new Known(snapshot.version(), committed));
        return Outcome.ALREADY_COMMITTED;
      }
      if (readVersion != null) {
        if (snapshot.version() != readVersion) {
          return Outcome.TABLE_MOVED;
        }
        txn.readWholeTable();
      }
      Map<String, String> all = new java.util.HashMap<>(options);
      all.put(DeltaOptions.TXN_APP_ID(), appId);
      all.put(DeltaOptions.TXN_VERSION(), Long.toString(version));
      DeltaOptions deltaOptions = new DeltaOptions(scalaMap(all), spark.sessionState().conf());
      WriteIntoDelta write =
          new WriteIntoDelta(
              log,
              SaveMode.Append,
              deltaOptions,
              scala.collection.immutable.Seq$.MODULE$.<String>empty(),
              scalaMap(Map.of()),
              rows.toDF(),
              Option.empty(),
              Option.<StructType>empty(),
              false);
      KNOWN.remove(key); // unknown until the commit is known to have landed
      DMLUtils.TaggedCommitData<Action> data =
          write.writeAndReturnCommitData(txn, spark, Option.empty(), false);
      DeltaOperations.Write operation =
          new DeltaOperations.Write(
              SaveMode.Append,
              Option.apply(scala.collection.immutable.Seq$.MODULE$.<String>empty()),
              Option.empty(),
              deltaOptions.userMetadata(),
              Option.empty(),
              Option.empty(),
              deltaOptions.canMergeSchema() ? Option.apply((Object) Boolean.TRUE) : Option.empty(),
              Option.empty(),
              Option.empty());
      txn.commitIfNeeded(data.actions(), operation, data.stringTags());
      // the commits after the snapshot read here hold this one: the next append reads them
      KNOWN.put(key, new Known(snapshot.version(), version));
      return Outcome.WRITTEN;
    } finally {
      OptimisticTransaction$.MODULE$.clearActive();
    }
  }

  /**
   * The newest version {@code appId} committed as of {@code snapshot}: the known answer brought up
   * to date from the commits after it, or Delta's own lookup when nothing is known or a commit in
   * between is gone (log cleanup).
   */
  private static long committedVersion(DeltaLog log, Snapshot snapshot, String key, String appId) {
    Known known = KNOWN.get(key);
    if (known != null
        && known.tableVersion() <= snapshot.version()
        && snapshot.version() - known.tableVersion() <= MAX_CATCH_UP) {
      Optional<Long> caughtUp = catchUp(log, known, snapshot.version(), appId);
      if (caughtUp.isPresent()) {
        return caughtUp.get();
      }
    }
    Option<Object> fromDelta = snapshot.transactions().get(appId);
    return fromDelta.isDefined() ? (Long) fromDelta.get() : -1L;
  }

  private static Optional<Long> catchUp(DeltaLog log, Known known, long upTo, String appId) {
    long committed = known.txnVersion();
    for (long v = known.tableVersion() + 1; v <= upTo; v++) {
      Optional<DeltaCommits.Commit> commit = DeltaCommits.read(log, v);
      if (commit.isEmpty()) {
        return Optional.empty();
      }
      Optional<Long> txn = commit.get().txnVersion(appId);
      if (txn.isPresent()) {
        committed = Math.max(committed, txn.get());
      }
    }
    return Optional.of(committed);
  }

  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
    return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(map));
  }
}
