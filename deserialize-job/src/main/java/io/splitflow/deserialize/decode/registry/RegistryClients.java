package io.splitflow.deserialize.decode.registry;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * One HTTP client per JVM and TLS stores, built on first use: a client owns a selector thread and a
 * connection pool, so every decoder of every task with the same stores shares it.
 */
final class RegistryClients {

  /** Connecting alone; the request's own deadline bounds the whole exchange. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final Map<TlsStores, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  private RegistryClients() {}

  /**
   * The client for these stores; a store that cannot be read is a {@link
   * io.splitflow.common.job.PermanentException} keyed {@code registry.tls}.
   */
  static HttpClient forStores(TlsStores stores) {
    return CLIENTS.computeIfAbsent(stores, RegistryClients::build);
  }

  private static HttpClient build(TlsStores stores) {
    // HTTP/1.1 avoids the h2c upgrade some proxies mishandle; redirects stay unfollowed (the
    // default), so the Authorization header never goes to another host
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT);
    if (!stores.isDefault()) {
      builder.sslContext(sslContext(stores));
    }
    return builder.build();
  }

  private static SSLContext sslContext(TlsStores stores) {
    TrustManager[] trust = null;
    if (stores.trustStore() != null) {
      KeyStore store =
          load(
              "registry.tls.trust-store",
              stores.trustStore(),
              stores.trustStoreType(),
              stores.trustStorePassword());
      try {
        TrustManagerFactory factory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        trust = factory.getTrustManagers();
      } catch (GeneralSecurityException e) {
        throw RegistryErrors.unreadableStore("registry.tls.trust-store", stores.trustStore(), e);
      }
    }
    KeyManager[] keys = null;
    if (stores.keyStore() != null) {
      KeyStore store =
          load(
              "registry.tls.key-store",
              stores.keyStore(),
              stores.keyStoreType(),
              stores.keyStorePassword());
      try {
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, chars(stores.keyStorePassword()));
        keys = factory.getKeyManagers();
      } catch (GeneralSecurityException e) {
        throw RegistryErrors.unreadableStore("registry.tls.key-store", stores.keyStore(), e);
      }
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      // null managers are the JDK's: its trust store, no client certificate
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw RegistryErrors.unreadableStore("registry.tls", String.valueOf(stores), e);
    }
  }

  private static KeyStore load(String key, String path, String type, String password) {
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, chars(password));
      return store;
    } catch (Exception e) {
      // IOException (missing file, wrong password) or GeneralSecurityException (wrong type)
      throw RegistryErrors.unreadableStore(key, path, e);
    }
  }

  private static char[] chars(String password) {
    return password == null ? null : password.toCharArray();
  }
}
