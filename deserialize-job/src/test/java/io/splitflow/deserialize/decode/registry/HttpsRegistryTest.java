package io.splitflow.deserialize.decode.registry;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.RegistrySettings.OnUnavailable;
import io.splitflow.common.job.PermanentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry behind TLS with a private certificate, made at test time with the JDK's keytool: it is
 * trusted only through {@code registry.tls.trust-store}, and one demanding client certificates
 * (mTLS) answers only a client with {@code registry.tls.key-store}.
 */
@Timeout(60)
class HttpsRegistryTest {

  private static final String PASSWORD = "changeit";

  @TempDir static Path dir;
  private static Path serverStore;
  private static Path clientTrust;
  private static Path clientStore;
  private static Path serverTrust;

  private RegistryServer server;

  @BeforeAll
  static void certificates() throws Exception {
    serverStore = keyPair("registry", "ip:127.0.0.1");
    clientTrust = trustStoreOf("registry", serverStore, "client-trust.p12");
    clientStore = keyPair("splitflow", "dns:splitflow.test");
    serverTrust = trustStoreOf("splitflow", clientStore, "server-trust.p12");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void registryWithAPrivateCertificateIsRefusedWithoutTheTrustStore() throws Exception {
    start(false);

    assertThatThrownBy(() -> registry(TlsStores.NONE).schema(1))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("is unreachable (TLS handshake failed, ")
        .hasMessageContaining("certification path")
        .hasMessageContaining(
            "check that registry.tls.trust-store holds the registry's certificate or CA");
  }

  @Test
  void registryWithAPrivateCertificateIsTrustedThroughTheTrustStore() throws Exception {
    start(false);

    assertThat(registry(trusting()).schema(1)).isEqualTo(READING);
  }

  @Test
  void storesTravelWithTheRegistryToTheExecutors() throws Exception {
    start(false);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(registry(trusting()));
    }

    SchemaRegistry onExecutor;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      onExecutor = (SchemaRegistry) in.readObject();
    }

    assertThat(onExecutor.schema(1)).isEqualTo(READING);
  }

  @Test
  void registryDemandingAClientCertificateGetsTheKeyStores() throws Exception {
    start(true);

    assertThatThrownBy(() -> registry(trusting()).schema(1))
        .isInstanceOf(RegistryUnavailableException.class);
    TlsStores mutual =
        new TlsStores(
            clientTrust.toString(), PASSWORD, "PKCS12", clientStore.toString(), PASSWORD, "PKCS12");
    assertThat(registry(mutual).schema(1)).isEqualTo(READING);
  }

  @Test
  void storeThatCannotBeReadStopsTheJobWhenTheRegistryIsMade() {
    TlsStores wrongPassword =
        new TlsStores(clientTrust.toString(), "wrong", "PKCS12", null, null, "PKCS12");

    assertThatThrownBy(() -> registry(wrongPassword))
        .isInstanceOfSatisfying(
            PermanentException.class, e -> assertThat(e.key()).isEqualTo("registry.tls"))
        .hasMessageStartingWith("registry.tls.trust-store " + clientTrust + " cannot be read (")
        .hasMessageEndingWith(
            "it must be readable at this path where the decoder runs, on the driver and every"
                + " executor (shared storage, the image, or --files)")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void registriesWithTheSameStoresShareOneClient() {
    TlsStores same =
        new TlsStores(clientTrust.toString(), PASSWORD, "PKCS12", null, null, "PKCS12");

    assertThat(RegistryClients.forStores(trusting())).isSameAs(RegistryClients.forStores(same));
    assertThat(RegistryClients.forStores(trusting()))
        .isNotSameAs(RegistryClients.forStores(TlsStores.NONE));
  }

  private void start(boolean needClientCertificate) throws Exception {
    server =
        RegistryServer.startHttps(serverContext(needClientCertificate), needClientCertificate)
            .register(1, READING);
  }

  private static TlsStores trusting() {
    return new TlsStores(clientTrust.toString(), PASSWORD, "PKCS12", null, null, "PKCS12");
  }

  private HttpSchemaRegistry registry(TlsStores stores) {
    return new HttpSchemaRegistry(
        server == null ? "https://127.0.0.1:1" : server.url(),
        Optional.empty(),
        Optional.empty(),
        HttpRegistryOptions.DEFAULT.with(OnUnavailable.FAIL).withTls(stores));
  }

  private static SSLContext serverContext(boolean needClientCertificate)
      throws IOException, GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(serverStore), PASSWORD.toCharArray());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(needClientCertificate ? load(serverTrust) : null);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      return store;
    }
  }

  /** A PKCS12 key store holding a fresh self-signed EC key pair for {@code alias}. */
  private static Path keyPair(String alias, String subjectAlternativeName) throws Exception {
    Path store = dir.resolve(alias + ".p12");
    keytool(
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + alias,
        "-ext",
        "SAN=" + subjectAlternativeName,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    return store;
  }

  /** A PKCS12 trust store holding the certificate of {@code alias} in {@code keyStore}. */
  private static Path trustStoreOf(String alias, Path keyStore, String name) throws Exception {
    Path certificate = dir.resolve(alias + ".cer");
    Path store = dir.resolve(name);
    keytool(
        "-exportcert",
        "-alias",
        alias,
        "-keystore",
        keyStore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        alias,
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD);
    return store;
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as("keytool %s: %s", args[0], output).isZero();
  }
}
