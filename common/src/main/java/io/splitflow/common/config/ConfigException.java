package io.splitflow.common.config;

/** A configuration or argument problem: the job stops before it reads or writes anything. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  /** A problem found by a library (e.g. Spark's SQL analyzer), kept for --verbose. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
