package io.splitflow.merge.commit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.metrics.BatchCounts;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import scala.Option;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Tags each gold commit with the batch that made it and that batch's counts (Delta's commit {@code
 * userMetadata}). A batch re-run after a crash finds its commit, skipped by Delta this time, and
 * reports the counts of the run that made it instead of "nothing changed".
 */
public final class BatchCommits {
  /** How many of gold's latest commits to search: a batch's commit is normally the last one. */
  static final int LOOKBACK = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchCommits() {}

  /** The gold commit holding one batch: its version, the counts it recorded, Delta's metrics. */
  public record Commit(long version, BatchCounts counts, Map<String, String> operationMetrics) {}

  public static String marker(String appId, long batchId, BatchCounts counts) {
    ObjectNode node =
        JSON.createObjectNode().put("splitflow_app_id", appId).put("batch_id", batchId);
    return counts.writeTo(node).toString();
  }

  /**
   * Searches gold's latest commits, newest first, for the batch's marker. Reads each commit's JSON
   * on the driver and stops at the match, which is normally the newest commit: Delta's history
   * would run a Spark job to read all {@link #LOOKBACK} of them.
   */
  public static Optional<Commit> find(
      SparkSession spark, TableRef gold, String appId, long batchId) {
    DeltaLog log = deltaLog(spark, gold);
    long latest = log.update(false, Option.empty(), Option.empty()).version();
    for (long version = latest; version >= Math.max(0, latest - LOOKBACK + 1); version--) {
      Optional<CommitInfo> info = commitInfo(log, version);
      JsonNode marker = parse(info.flatMap(i -> optional(i.userMetadata())).orElse(null));
      if (marker != null
          && appId.equals(marker.path("splitflow_app_id").asText())
          && marker.path("batch_id").asLong(-1) == batchId) {
        Map<String, String> metrics =
            info.flatMap(i -> optional(i.operationMetrics()))
                .<Map<String, String>>map(CollectionConverters::asJava)
                .orElse(Map.of());
        return Optional.of(new Commit(version, BatchCounts.readFrom(marker), Map.copyOf(metrics)));
      }
    }
    return Optional.empty();
  }

  /** One commit's commitInfo, empty when log retention has removed the commit already. */
  private static Optional<CommitInfo> commitInfo(DeltaLog log, long version) {
    Iterator<Tuple2<Object, Seq<Action>>> changes =
        log.getChanges(version, version, Option.empty(), false);
    while (changes.hasNext()) {
      Tuple2<Object, Seq<Action>> commit = changes.next();
      if ((Long) commit._1() != version) {
        continue;
      }
      Iterator<Action> actions = commit._2().iterator();
      while (actions.hasNext()) {
        if (actions.next() instanceof CommitInfo info) {
          return Optional.of(info);
        }
      }
    }
    return Optional.empty();
  }

  private static <T> Optional<T> optional(Option<T> option) {
    return option.isDefined() ? Optional.of(option.get()) : Optional.empty();
  }

  public static long latestVersion(SparkSession spark, TableRef gold) {
    return deltaLog(spark, gold).update(false, Option.empty(), Option.empty()).version();
  }

  private static DeltaLog deltaLog(SparkSession spark, TableRef gold) {
    return gold.deltaTable(spark).deltaLog();
  }

  private static JsonNode parse(String userMetadata) {
    if (userMetadata == null || !userMetadata.startsWith("{")) {
      return null;
    }
    try {
      return JSON.readTree(userMetadata);
    } catch (IOException e) {
      return null; // someone else's metadata: not ours
    }
  }
}
