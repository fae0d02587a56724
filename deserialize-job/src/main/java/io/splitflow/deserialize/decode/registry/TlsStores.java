package io.splitflow.deserialize.decode.registry;

import io.splitflow.common.config.RegistrySettings;
import java.io.Serializable;

/**
 * The key and trust stores a registry client uses, as paths read where the decoder runs: the driver
 * and every executor must see the files at these paths (shared storage, the image, or {@code
 * --files} placing them there). Null paths mean the JDK's defaults. Equal stores share one client.
 */
public record TlsStores(
    String trustStore,
    String trustStorePassword,
    String trustStoreType,
    String keyStore,
    String keyStorePassword,
    String keyStoreType)
    implements Serializable {

  /** The JDK's trust store, no client certificate. */
  public static final TlsStores NONE =
      new TlsStores(
          null,
          null,
          RegistrySettings.DEFAULT_STORE_TYPE,
          null,
          null,
          RegistrySettings.DEFAULT_STORE_TYPE);

  static TlsStores of(RegistrySettings.Tls tls) {
    return new TlsStores(
        tls.trustStore().orElse(null),
        tls.trustStorePassword().orElse(null),
        tls.trustStoreType(),
        tls.keyStore().orElse(null),
        tls.keyStorePassword().orElse(null),
        tls.keyStoreType());
  }

  boolean isDefault() {
    return trustStore == null && keyStore == null;
  }

  @Override
  public String toString() {
    // never print the passwords
    return "TlsStores[trustStore="
        + trustStore
        + ", trustStoreType="
        + trustStoreType
        + ", keyStore="
        + keyStore
        + ", keyStoreType="
        + keyStoreType
        + "]";
  }
}
