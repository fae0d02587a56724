package io.splitflow.common.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Confluent-framed records' writer schemas come from: a schema-registry REST API ({@code GET
 * /schemas/ids/{id}}, with optional basic auth and TLS stores) or, offline, a directory of {@code
 * <id>.avsc} files; and how much a registry may send, how long it may take, and what an outage
 * does.
 */
public record RegistrySettings(
    Optional<String> url,
    Optional<String> username,
    Optional<String> password,
    Optional<String> schemasDir,
    boolean allowInsecure,
    long maxResponseBytes,
    Duration requestTimeout,
    OnUnavailable onUnavailable,
    Optional<Tls> tls) {

  /** A registered schema is a few KB; a body past this is not a schema response. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 4L << 20;

  /** One request, from connecting to the body's last byte. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public static final String DEFAULT_STORE_TYPE = "PKCS12";

  /** A registry URL or directory with the defaults for everything else. */
  public RegistrySettings(
      Optional<String> url,
      Optional<String> username,
      Optional<String> password,
      Optional<String> schemasDir) {
    this(
        url,
        username,
        password,
        schemasDir,
        false,
        DEFAULT_MAX_RESPONSE_BYTES,
        DEFAULT_REQUEST_TIMEOUT,
        OnUnavailable.FAIL,
        Optional.empty());
  }

  /** What a registry that stays unreachable through the retries does to the batch. */
  public enum OnUnavailable {
    /** The batch fails (not for good): a restart decodes its records once the registry is back. */
    FAIL,
    /** The records become UNKNOWN_SCHEMA_ID dead letters, to replay. */
    DEAD_LETTER;

    /** As the config writes it. */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * Key and trust stores for a registry behind a private CA or demanding client certificates
   * (mTLS). The files are read where the decoder runs, so on every executor too.
   */
  public record Tls(
      Optional<String> trustStore,
      Optional<String> trustStorePassword,
      String trustStoreType,
      Optional<String> keyStore,
      Optional<String> keyStorePassword,
      String keyStoreType) {

    @Override
    public String toString() {
      // never print the passwords
      return "Tls[trustStore="
          + trustStore.orElse("-")
          + ", trustStoreType="
          + trustStoreType
          + ", keyStore="
          + keyStore.orElse("-")
          + ", keyStoreType="
          + keyStoreType
          + "]";
    }
  }

  @Override
  public String toString() {
    // never print the passwords
    return "RegistrySettings[url="
        + url.orElse("-")
        + ", username="
        + username.orElse("-")
        + ", schemasDir="
        + schemasDir.orElse("-")
        + ", allowInsecure="
        + allowInsecure
        + ", maxResponseBytes="
        + maxResponseBytes
        + ", requestTimeout="
        + requestTimeout
        + ", onUnavailable="
        + onUnavailable.key()
        + ", tls="
        + tls.map(Tls::toString).orElse("-")
        + "]";
  }
}
