package io.splitflow.common.job;

/**
 * splitflow's own failures. Each carries a stable key naming what went wrong ({@code
 * gold.mode-changed}, {@code checkpoint.lock-lost}, a config key's path), which operators and tests
 * match on instead of the message's words. Two kinds: {@link
 * io.splitflow.common.config.ConfigException} (the job stops before it reads or writes anything)
 * and {@link PermanentException} (no restart can fix it). An {@link IllegalStateException}, as the
 * bare ones these replace were.
 */
public class SplitflowException extends IllegalStateException {
  private final String key;

  public SplitflowException(String key, String message) {
    super(message);
    this.key = key;
  }

  public SplitflowException(String key, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  /** What went wrong, in a word that does not change with the message's wording. */
  public String key() {
    return key;
  }
}
