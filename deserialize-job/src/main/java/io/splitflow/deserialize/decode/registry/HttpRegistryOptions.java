package io.splitflow.deserialize.decode.registry;

import io.splitflow.common.config.RegistrySettings;
import io.splitflow.common.config.RegistrySettings.OnUnavailable;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a registry client bounds each answer and what an outage does: the serializable part of {@link
 * RegistrySettings} the decoders carry to the executors.
 *
 * @param maxResponseBytes the most a response body may hold
 * @param requestTimeout one request, from connecting to the body's last byte
 * @param onUnavailable what a registry that stays unreachable through the retries does
 * @param tls the stores for https, {@link TlsStores#NONE} for the JDK's
 */
public record HttpRegistryOptions(
    long maxResponseBytes, Duration requestTimeout, OnUnavailable onUnavailable, TlsStores tls)
    implements Serializable {

  public static final HttpRegistryOptions DEFAULT =
      new HttpRegistryOptions(
          RegistrySettings.DEFAULT_MAX_RESPONSE_BYTES,
          RegistrySettings.DEFAULT_REQUEST_TIMEOUT,
          OnUnavailable.FAIL,
          TlsStores.NONE);

  public HttpRegistryOptions {
    if (maxResponseBytes <= 0 || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException(
          "registry limits must be positive: " + maxResponseBytes + " bytes, " + requestTimeout);
    }
    Objects.requireNonNull(onUnavailable, "onUnavailable");
    Objects.requireNonNull(tls, "tls");
  }

  public static HttpRegistryOptions of(RegistrySettings settings) {
    return new HttpRegistryOptions(
        settings.maxResponseBytes(),
        settings.requestTimeout(),
        settings.onUnavailable(),
        settings.tls().map(TlsStores::of).orElse(TlsStores.NONE));
  }

  HttpRegistryOptions withTls(TlsStores stores) {
    return new HttpRegistryOptions(maxResponseBytes, requestTimeout, onUnavailable, stores);
  }

  HttpRegistryOptions with(OnUnavailable mode) {
    return new HttpRegistryOptions(maxResponseBytes, requestTimeout, mode, tls);
  }
}
