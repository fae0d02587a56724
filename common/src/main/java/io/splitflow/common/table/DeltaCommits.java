package io.splitflow.common.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.delta.actions.SetTransaction;
import scala.Option;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads a table's newest commits from its Delta log on the driver: one small JSON file per commit,
 * where {@code DeltaTable.history()} runs a Spark job over the log and a (txnAppId, txnVersion)
 * lookup rebuilds the table's whole state.
 */
public final class DeltaCommits {
  private DeltaCommits() {}

  /** One commit's actions that matter to a writer: its commitInfo and its SetTransaction. */
  public record Commit(long version, Optional<CommitInfo> info, List<SetTransaction> txns) {
    /** The version this commit records for {@code appId}, if it carries that app's transaction. */
    public Optional<Long> txnVersion(String appId) {
      return txns.stream()
          .filter(t -> appId.equals(t.appId()))
          .map(SetTransaction::version)
          .findFirst();
    }

    /** Delta's operation metrics of the commit (e.g. numOutputRows), empty when it has none. */
    public Map<String, String> operationMetrics() {
      return info.flatMap(i -> optional(i.operationMetrics()))
          .<Map<String, String>>map(CollectionConverters::asJava)
          .orElse(Map.of());
    }

    /** The commit's userMetadata, if any. */
    public Optional<String> userMetadata() {
      return info.flatMap(i -> optional(i.userMetadata()));
    }
  }

  /**
   * The table's log: for a path, Delta's cached log without the "is this a Delta table?" look at
   * the store that opening it as a {@code DeltaTable} makes on every call.
   */
  public static DeltaLog log(SparkSession spark, TableRef table) {
    return table.isPath()
        ? DeltaLog.forTable(spark, table.path())
        : table.deltaTable(spark).deltaLog();
  }

  /** The table's newest version, after listing its log. */
  public static long latestVersion(DeltaLog log) {
    return log.update(false, Option.empty(), Option.empty()).version();
  }

  /**
   * The newest of the table's latest {@code lookback} commits that {@code matches}, newest first: a
   * writer's own commit is normally the newest one.
   */
  public static Optional<Commit> findRecent(DeltaLog log, int lookback, Predicate<Commit> matches) {
    long latest = latestVersion(log);
    for (long version = latest; version >= Math.max(0, latest - lookback + 1); version--) {
      Optional<Commit> commit = read(log, version);
      if (commit.isPresent() && matches.test(commit.get())) {
        return commit;
      }
    }
    return Optional.empty();
  }

  /** The commit of (appId, version) among the latest {@code lookback}, by its SetTransaction. */
  public static Optional<Commit> findTransaction(
      DeltaLog log, int lookback, String appId, long txnVersion) {
    return findRecent(
        log, lookback, c -> c.txnVersion(appId).filter(v -> v == txnVersion).isPresent());
  }

  /** One commit, empty when log retention has removed it already. */
  public static Optional<Commit> read(DeltaLog log, long version) {
    Iterator<Tuple2<Object, Seq<Action>>> changes =
        log.getChanges(version, version, Option.empty(), false);
    while (changes.hasNext()) {
      Tuple2<Object, Seq<Action>> commit = changes.next();
      if ((Long) commit._1() != version) {
        continue;
      }
      CommitInfo info = null;
      List<SetTransaction> txns = new ArrayList<>();
      Iterator<Action> actions = commit._2().iterator();
      while (actions.hasNext()) {
        Action action = actions.next();
        if (action instanceof CommitInfo i) {
          info = i;
        } else if (action instanceof SetTransaction t) {
          txns.add(t);
        }
      }
      return Optional.of(new Commit(version, Optional.ofNullable(info), List.copyOf(txns)));
    }
    return Optional.empty();
  }

  private static <T> Optional<T> optional(Option<T> option) {
    return option.isDefined() ? Optional.of(option.get()) : Optional.empty();
  }
}
