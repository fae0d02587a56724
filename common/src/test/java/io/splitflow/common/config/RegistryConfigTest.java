package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datasets.<name>.registry}: credentials, limits, outage handling and TLS stores. */
class RegistryConfigTest {
  private static final String HEAD =
      """
      kafka: { bootstrap-servers: "k:9092" }
      lake: { root: /lake }
      datasets:
        d:
          topic: t
          format: avro-confluent
          schema: { avro-file: r.avsc }
          merge: { keys: id, sequence-by: at }
      """;

  @TempDir Path dir;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(
        dir.resolve("r.avsc"),
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"at\",\"type\":\"long\"}]}");
    Files.writeString(dir.resolve("trust.p12"), "not read at config time");
    Files.writeString(dir.resolve("client.p12"), "not read at config time");
  }

  private RegistrySettings registry(String registry) {
    return ConfigLoader.parse(HEAD + "    registry: " + registry + "\n", List.of(), Map.of(), dir)
        .dataset("d")
        .decode()
        .registry()
        .orElseThrow();
  }

  private void rejected(String registry, String message) {
    assertThatThrownBy(() -> registry(registry))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void defaultsBoundTheResponseAndFailTheBatchWhenTheRegistryIsDown() {
    RegistrySettings registry = registry("{ url: \"https://r:8081\" }");

    assertThat(registry.maxResponseBytes()).isEqualTo(4L * 1024 * 1024);
    assertThat(registry.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(registry.onUnavailable()).isEqualTo(RegistrySettings.OnUnavailable.FAIL);
    assertThat(registry.allowInsecure()).isFalse();
    assertThat(registry.tls()).isEmpty();
  }

  @Test
  void limitsAndOutageHandlingAreBound() {
    RegistrySettings registry =
        registry(
            "{ url: \"https://r:8081\", max-response-bytes: 1m, request-timeout: 2500ms,"
                + " on-unavailable: dead-letter }");

    assertThat(registry.maxResponseBytes()).isEqualTo(1024 * 1024);
    assertThat(registry.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(registry.onUnavailable()).isEqualTo(RegistrySettings.OnUnavailable.DEAD_LETTER);
    rejected(
        "{ url: \"https://r:8081\", on-unavailable: retry }",
        "datasets.d.registry.on-unavailable: 'retry' is not allowed; use one of fail, dead-letter");
    rejected(
        "{ url: \"https://r:8081\", request-timeout: 0s }",
        "datasets.d.registry.request-timeout: '0s' must be more than 0");
    rejected(
        "{ url: \"https://r:8081\", request-timeout: soon }",
        "datasets.d.registry.request-timeout: 'soon' is not a duration; use e.g. 250ms, 30s, 5m"
            + " or 1h");
    rejected(
        "{ url: \"https://r:8081\", max-response-bytes: lots }",
        "datasets.d.registry.max-response-bytes: 'lots' is not a size; use bytes or a number with"
            + " k, m, g or t, e.g. 512m");
  }

  @Test
  void basicAuthOverPlainHttpIsRefusedUnlessAllowed() {
    rejected(
        "{ url: \"http://r:8081\", username: u, password: pw }",
        "datasets.d.registry.url: 'http://r:8081' would send the registry username and password"
            + " unencrypted; use an https URL, or set datasets.d.registry.allow-insecure: true on a"
            + " network you trust");

    assertThat(registry("{ url: \"http://r:8081\", username: u, allow-insecure: true }").username())
        .contains("u");
    assertThat(registry("{ url: \"https://r:8081\", username: u, password: pw }").password())
        .contains("pw");
    assertThat(registry("{ url: \"http://r:8081\" }").url()).contains("http://r:8081");
    rejected(
        "{ url: \"http://r:8081\", username: u, allow-insecure: maybe }",
        "datasets.d.registry.allow-insecure: 'maybe' is not a boolean; use true or false");
  }

  @Test
  void tlsStoresAreResolvedAgainstTheConfigAndMustExist() {
    RegistrySettings.Tls tls =
        registry(
                "{ url: \"https://r:8081\", tls: { trust-store: trust.p12,"
                    + " trust-store-password: tpw, key-store: client.p12, key-store-password: kpw,"
                    + " key-store-type: JKS } }")
            .tls()
            .orElseThrow();

    assertThat(tls.trustStore()).contains(dir.resolve("trust.p12").toString());
    assertThat(tls.trustStoreType()).isEqualTo("PKCS12");
    assertThat(tls.keyStore()).contains(dir.resolve("client.p12").toString());
    assertThat(tls.keyStoreType()).isEqualTo("JKS");
    assertThat(tls.toString()).doesNotContain("tpw").doesNotContain("kpw");
    rejected(
        "{ url: \"https://r:8081\", tls: { trust-store: nowhere.p12 } }",
        "datasets.d.registry.tls.trust-store: 'nowhere.p12' is not a readable file ("
            + dir.resolve("nowhere.p12")
            + ")");
    rejected(
        "{ url: \"https://r:8081\", tls: { key-store-password: kpw } }",
        "datasets.d.registry.tls.key-store: is required but missing");
    rejected(
        "{ url: \"https://r:8081\", tls: { trust-store: trust.p12, trust-store-type: P99 } }",
        "datasets.d.registry.tls.trust-store-type: 'P99' is not a key store type this JVM reads;"
            + " use PKCS12 or JKS");
    rejected(
        "{ url: \"https://r:8081\", tls: { truststore: trust.p12 } }",
        "datasets.d.registry.tls.truststore: unknown key; allowed here: key-store,"
            + " key-store-password, key-store-type, trust-store, trust-store-password,"
            + " trust-store-type");
    rejected(
        "{ url: \"http://r:8081\", tls: { trust-store: trust.p12 } }",
        "datasets.d.registry.tls: '{...}' only applies to an https url");
  }

  @Test
  void storePasswordsAreSecretAndStorePathsAreShown() throws Exception {
    for (String store : List.of("trust-store", "key-store")) {
      assertThat(Secrets.isSecret("datasets.d.registry.tls." + store + "-password")).isTrue();
      assertThat(Secrets.isSecret(store + "-password")).isTrue();
      assertThat(Secrets.isSecret("datasets.d.registry.tls." + store)).isFalse();
      assertThat(Secrets.isSecret("datasets.d.registry.tls." + store + "-type")).isFalse();
    }
    String masked =
        Secrets.masked(
                new YAMLMapper()
                    .readTree(
                        "registry: { tls: { trust-store: t.p12, trust-store-password: tpw-1,"
                            + " key-store-password: kpw-2 } }"))
            .toString();
    assertThat(masked).contains("t.p12").doesNotContain("tpw-1").doesNotContain("kpw-2");
    assertThat(
            registry(
                    "{ url: \"https://r:8081\", username: u, password: pw-3,"
                        + " tls: { trust-store: trust.p12, trust-store-password: tpw-4 } }")
                .toString())
        .doesNotContain("pw-3")
        .doesNotContain("tpw-4");
  }
}
