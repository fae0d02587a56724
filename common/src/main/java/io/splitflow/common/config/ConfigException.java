package io.splitflow.common.config;

/** A configuration or argument problem: the job stops before it reads or writes anything. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
