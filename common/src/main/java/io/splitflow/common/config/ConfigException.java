package io.splitflow.common.config;

import io.splitflow.common.job.SplitflowException;

/**
 * A configuration or argument problem: the job stops before it reads or writes anything. Its key is
 * the config key or option at fault where one is named, else {@code config}.
 */
public final class ConfigException extends SplitflowException {
  public ConfigException(String message) {
    super(keyOf(message), message);
  }

  /** A problem found by a library (e.g. Spark's SQL analyzer), kept for --verbose. */
  public ConfigException(String message, Throwable cause) {
    super(keyOf(message), message, cause);
  }

  /**
   * The key or option a message starts with ({@code datasets.x.merge.mode: ...}, {@code --where:
   * ...}), as every message {@link ConfigErrors} words does; {@code config} otherwise.
   */
  static String keyOf(String message) {
    int colon = message == null ? -1 : message.indexOf(": ");
    if (colon > 0) {
      String head = message.substring(0, colon);
      if (head.matches("--?[\\w.-]+|[\\w-]+(\\.[\\w\\[\\]-]+)*")) {
        return head;
      }
    }
    return "config";
  }
}
