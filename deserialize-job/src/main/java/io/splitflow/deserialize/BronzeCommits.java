package io.splitflow.deserialize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.table.DeltaCommits;
import io.splitflow.common.table.TableRef;
import java.io.IOException;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * What a batch's bronze commit says of the batch's dead letters ({@code userMetadata} {@code
 * {"dead_letters": n}}), so that a batch without any makes no dead-letter commit and stays exactly
 * once: the batch that Spark re-runs after a crash finds the bronze commit that landed and writes
 * dead letters only if that commit says it had some (the dead-letter append is itself idempotent).
 * Going by the commit, not by this run's counts, keeps bronze and the dead letters of one batch
 * from two runs that decoded differently (a redeploy between the crash and the re-run).
 */
final class BronzeCommits {
  /** How many of bronze's latest commits to search: the batch's own is normally the newest. */
  static final int LOOKBACK = 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEAD_LETTERS = "dead_letters";

  private BronzeCommits() {}

  static String marker(long deadLetters) {
    return JSON.createObjectNode().put(DEAD_LETTERS, deadLetters).toString();
  }

  /**
   * The dead letters bronze's commit of (appId, batchId) recorded; -1 (unknown: write them) when
   * the commit is not among the latest or carries no count (written by an earlier splitflow).
   */
  static long deadLetters(SparkSession spark, TableRef bronze, String appId, long batchId) {
    return DeltaCommits.findTransaction(DeltaCommits.log(spark, bronze), LOOKBACK, appId, batchId)
        .flatMap(DeltaCommits.Commit::userMetadata)
        .flatMap(BronzeCommits::parse)
        .orElse(-1L);
  }

  static Optional<Long> parse(String userMetadata) {
    try {
      JsonNode node = JSON.readTree(userMetadata);
      return node != null && node.path(DEAD_LETTERS).isIntegralNumber()
          ? Optional.of(node.get(DEAD_LETTERS).asLong())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // someone else's metadata: not ours
    }
  }
}
