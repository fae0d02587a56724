package io.splitflow.merge;

import java.time.Duration;
import org.apache.spark.sql.RuntimeConfig;

/**
 * Knobs of the merge that depend on the cluster rather than the dataset, read from the session's
 * confs (settable under {@code spark:} in the YAML file or with {@code --set spark.<conf>=...}).
 */
public record MergeTuning(long broadcastMaxRows, int maxAttempts, Duration firstBackoff) {
  public static final String BROADCAST_MAX_ROWS = "spark.splitflow.merge.broadcastMaxRows";
  public static final String MAX_ATTEMPTS = "spark.splitflow.merge.maxAttempts";
  public static final String FIRST_BACKOFF_MS = "spark.splitflow.merge.retryBackoffMs";

  public static final MergeTuning DEFAULT = new MergeTuning(100_000, 3, Duration.ofSeconds(1));

  public MergeTuning {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          MAX_ATTEMPTS + " must be at least 1, found " + maxAttempts);
    }
  }

  public static MergeTuning from(RuntimeConfig conf) {
    return new MergeTuning(
        number(conf, BROADCAST_MAX_ROWS, DEFAULT.broadcastMaxRows()),
        (int) number(conf, MAX_ATTEMPTS, DEFAULT.maxAttempts()),
        Duration.ofMillis(number(conf, FIRST_BACKOFF_MS, DEFAULT.firstBackoff().toMillis())));
  }

  private static long number(RuntimeConfig conf, String key, long fallback) {
    String value = conf.get(key, Long.toString(fallback));
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + ": '" + value + "' is not a whole number; remove it to use " + fallback, e);
    }
  }
}
