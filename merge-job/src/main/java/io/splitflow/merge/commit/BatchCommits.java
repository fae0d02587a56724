package io.splitflow.merge.commit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.table.DeltaCommits;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.metrics.BatchCounts;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

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
    return DeltaCommits.findRecent(
            DeltaCommits.log(spark, gold),
            LOOKBACK,
            commit -> {
              JsonNode marker = parse(commit.userMetadata().orElse(null));
              return marker != null
                  && appId.equals(marker.path("splitflow_app_id").asText())
                  && marker.path("batch_id").asLong(-1) == batchId;
            })
        .map(
            commit ->
                new Commit(
                    commit.version(),
                    BatchCounts.readFrom(parse(commit.userMetadata().orElseThrow())),
                    Map.copyOf(commit.operationMetrics())));
  }

  public static long latestVersion(SparkSession spark, TableRef gold) {
    return DeltaCommits.latestVersion(DeltaCommits.log(spark, gold));
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
