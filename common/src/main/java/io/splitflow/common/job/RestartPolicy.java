package io.splitflow.common.job;

import java.time.Duration;

/**
 * How often a failed query is started again on the same checkpoint before the job gives up, and how
 * long it waits between tries (doubling from {@code firstBackoff} up to {@code maxBackoff}). The
 * checkpoint and the idempotent writes make a restart safe: it resumes at the failed batch.
 */
public record RestartPolicy(int restarts, Duration firstBackoff, Duration maxBackoff) {
  public static final RestartPolicy NEVER =
      new RestartPolicy(0, Duration.ofSeconds(10), Duration.ofMinutes(5));

  public RestartPolicy {
    if (restarts < 0) {
      throw new IllegalArgumentException("restarts must be 0 or more, found " + restarts);
    }
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must be 0 or more and at most maxBackoff: " + firstBackoff + ", " + maxBackoff);
    }
  }

  /** The wait before restart number {@code restart} (1-based). */
  public Duration backoff(int restart) {
    Duration wait = firstBackoff;
    for (int i = 1; i < restart && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /** Whether {@code failure}, the {@code restart}-th so far, is worth another start. */
  public boolean shouldRestart(int restart, Throwable failure) {
    return restart <= restarts && !permanent(failure);
  }

  static boolean permanent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PermanentFailure) {
        return true;
      }
    }
    return false;
  }
}
