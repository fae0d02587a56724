package io.splitflow.deserialize.decode.registry;

import io.splitflow.common.job.SplitflowException;

/**
 * The registry stayed unreachable through the retries, with {@code registry.on-unavailable: fail}:
 * the batch fails without writing, and a restart ({@code --restart-on-failure}) runs it again, so
 * its records are decoded once the registry is back instead of becoming dead letters. Not a {@link
 * io.splitflow.common.job.PermanentFailure}: an outage ends.
 */
public final class RegistryUnavailableException extends SplitflowException {

  private static final long serialVersionUID = 1L;

  public static final String KEY = "registry.unavailable";

  RegistryUnavailableException(String message) {
    super(KEY, message);
  }
}
