package io.splitflow.common.job;

/**
 * A failure that restarting the query cannot fix: gold's layout against a changed config, exhausted
 * conflict retries, a lost checkpoint lock, data Kafka no longer holds, a fail rule. {@code
 * --restart-on-failure} does not retry it (it is a {@link PermanentFailure}).
 */
public class PermanentException extends SplitflowException implements PermanentFailure {
  public PermanentException(String key, String message) {
    super(key, message);
  }

  public PermanentException(String key, String message, Throwable cause) {
    super(key, message, cause);
  }
}
