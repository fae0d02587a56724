package io.splitflow.merge.retry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.MergeErrors;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a batch attempt under a {@link RetryPolicy}, logging each retry; the one bounded retry. */
public final class ConflictRetry {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.merge");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the retry waits; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper THREAD = d -> Thread.sleep(d.toMillis());
  }

  /** The attempt's result and how many attempts it took. */
  public record Attempted<T>(T value, int attempts) {}

  private ConflictRetry() {}

  public static <T> Attempted<T> run(
      RetryPolicy policy, TableRef gold, long batchId, Sleeper sleeper, Supplier<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return new Attempted<>(attempt.get(), n);
      } catch (Exception failure) { // Spark rethrows checked exceptions undeclared
        if (!policy.retriable(failure)) {
          throw failure;
        }
        if (!policy.shouldRetry(n, failure)) {
          throw MergeErrors.conflictsExhausted(gold, batchId, n, failure);
        }
        Duration wait = policy.backoff(n);
        LOG.warn(
            JSON.createObjectNode()
                .put("event", "merge_retry")
                .put("table", gold.toString())
                .put("batch_id", batchId)
                .put("attempt", n)
                .put("max_attempts", policy.maxAttempts())
                .put("backoff_ms", wait.toMillis())
                .put(
                    "conflict",
                    RetryPolicy.conflict(failure).orElse(failure).getClass().getSimpleName())
                .toString());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw MergeErrors.conflictsExhausted(gold, batchId, n, failure);
        }
      }
    }
  }
}
