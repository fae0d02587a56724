package io.splitflow.merge.commit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.metrics.BatchCounts;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
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

  public static Optional<Commit> find(
      SparkSession spark, TableRef gold, String appId, long batchId) {
    Row[] commits =
        (Row[])
            gold.deltaTable(spark)
                .history(LOOKBACK)
                .select("version", "userMetadata", "operationMetrics")
                .collect();
    for (Row commit : commits) {
      JsonNode marker = parse(commit.isNullAt(1) ? null : commit.getString(1));
      if (marker != null
          && appId.equals(marker.path("splitflow_app_id").asText())
          && marker.path("batch_id").asLong(-1) == batchId) {
        Map<String, String> metrics = commit.isNullAt(2) ? Map.of() : commit.getJavaMap(2);
        return Optional.of(
            new Commit(commit.getLong(0), BatchCounts.readFrom(marker), Map.copyOf(metrics)));
      }
    }
    return Optional.empty();
  }

  public static long latestVersion(SparkSession spark, TableRef gold) {
    return gold.deltaTable(spark).history(1).select("version").first().getLong(0);
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
