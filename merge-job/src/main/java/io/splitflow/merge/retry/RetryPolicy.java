package io.splitflow.merge.retry;

import java.time.Duration;
import java.util.Optional;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;

/**
 * When a failed batch attempt is worth repeating, and after how long. Only Delta's optimistic
 * concurrency conflicts qualify (another writer committed files this MERGE read or wrote): the
 * attempt committed nothing, and a fresh attempt reads the new table state.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, found " + maxAttempts);
    }
  }

  public static RetryPolicy of(int maxAttempts, Duration firstBackoff) {
    return new RetryPolicy(maxAttempts, firstBackoff, firstBackoff.multipliedBy(8));
  }

  /** A Delta concurrent-modification conflict anywhere in the cause chain. */
  public boolean retriable(Throwable failure) {
    return conflict(failure).isPresent();
  }

  /** The Delta conflict behind a failure, if it is one. */
  public static Optional<Throwable> conflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DeltaConcurrentModificationException) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Whether to try again after {@code attempt} (1-based) failed with {@code failure}. */
  public boolean shouldRetry(int attempt, Throwable failure) {
    return attempt < maxAttempts && retriable(failure);
  }

  /** Exponential: first, 2 x first, 4 x first..., capped. */
  public Duration backoff(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration wait = firstBackoff.multipliedBy(factor);
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
