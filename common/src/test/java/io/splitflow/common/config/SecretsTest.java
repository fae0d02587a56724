package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "password",
        "PASSWORD",
        "ssl.truststore.password",
        "ssl.key.password",
        "datasets.d.registry.password",
        "sasl.jaas.config",
        "kafka.options.sasl.jaas.config",
        "SASL.JAAS.CONFIG",
        "basic.auth.user.info",
        "schema.registry.basic.auth.user.info",
        "client-secret",
        "spark.hadoop.fs.s3a.secret.key",
        "audit.token",
        "sasl.oauthbearer.token.endpoint.url",
        "gcp_credentials",
        "ssl.keystore.key",
        "api-key",
        "fs.s3a.access.key",
        "hadoop.fs.s3a.bucket.logs.access.key",
        "fs.s3a.session.token",
        "fs.s3a.encryption.key",
        "fs.azure.account.key.acct.dfs.core.windows.net",
        "fs.azure.account.key",
        "fs.azure.sas.fixed.token",
        "fs.azure.sas.container.acct.blob.core.windows.net",
        "fs.azure.account.oauth2.client.secret",
        "fs.gs.auth.service.account.private.key"
      })
  void secretKeysAreRecognisedWhateverTheirCaseOrPrefix(String key) {
    assertThat(Secrets.isSecret(key)).as(key).isTrue();
    assertThat(Secrets.mask(key, "s3cr3t-value")).isEqualTo("[hidden]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "security.protocol",
        "sasl.mechanism",
        "ssl.truststore.location",
        "ssl.truststore.type",
        "datasets.d.registry.username",
        "datasets.d.registry.url",
        "kafka.bootstrap-servers",
        "passwordless",
        "spark.sql.shuffle.partitions",
        "fs.s3a.endpoint",
        "fs.s3a.aws.credentials.provider",
        "hadoop.security.credential.provider.path",
        "lake.dynamodb.credentials-provider",
        "fs.azure.account.auth.type",
        "fs.azure.account.keyprovider.acct.dfs.core.windows.net",
        "fs.azure.account.oauth2.client.id"
      })
  void otherKeysAreShown(String key) {
    assertThat(Secrets.isSecret(key)).as(key).isFalse();
    assertThat(Secrets.mask(key, "SASL_SSL")).isEqualTo("SASL_SSL");
  }

  @Test
  void jaasPasswordIsHiddenButTheRestOfTheLineStays() {
    String jaas =
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"splitflow\" password=\"p@ss w0rd\";";

    assertThat(Secrets.scrub("could not use sasl.jaas.config " + jaas))
        .isEqualTo(
            "could not use sasl.jaas.config org.apache.kafka.common.security.scram.ScramLoginModule"
                + " required username=\"splitflow\" password=\"[hidden]\";");
    assertThat(Secrets.scrub("x password='abc' y")).isEqualTo("x password='[hidden]' y");
    assertThat(Secrets.scrub("ssl.keystore.password=abc, next"))
        .isEqualTo("ssl.keystore.password=[hidden], next");
  }

  @Test
  void urlUserInfoPasswordIsHidden() {
    assertThat(Secrets.scrub("GET https://splitflow:hunter2@registry:8081/schemas/ids/1 failed"))
        .isEqualTo("GET https://splitflow:[hidden]@registry:8081/schemas/ids/1 failed");
    assertThat(Secrets.scrub("http://registry:8081/schemas"))
        .isEqualTo("http://registry:8081/schemas");
  }

  @Test
  void textWithoutSecretsIsUnchanged() {
    String message =
        "datasets.d.trigger: 'every 5m' is not a trigger; use available-now, once or interval";
    assertThat(Secrets.scrub(message)).isEqualTo(message);
    assertThat(Secrets.scrub("Unexpected token (VALUE_STRING)"))
        .isEqualTo("Unexpected token (VALUE_STRING)");
  }

  @Test
  void configTreeIsCopiedWithEverySecretHidden() throws Exception {
    JsonNode tree =
        new YAMLMapper()
            .readTree(
                """
                kafka:
                  options:
                    security.protocol: SASL_SSL
                    sasl.jaas.config: ScramLoginModule required username="u" password="jaas-pw";
                    ssl.truststore.password: trust-pw
                    audit.token: tok-123
                datasets:
                  d:
                    registry: { url: "https://u:url-pw@r:8081", username: u, password: reg-pw }
                """);

    String printed = Secrets.masked(tree).toString();

    assertThat(printed)
        .doesNotContain("jaas-pw", "trust-pw", "tok-123", "url-pw", "reg-pw")
        .contains("\"security.protocol\":\"SASL_SSL\"")
        .contains("\"sasl.jaas.config\":\"[hidden]\"")
        .contains("\"url\":\"https://u:[hidden]@r:8081\"")
        .contains("\"username\":\"u\"");
    assertThat(tree.toString()).as("the original is left as it was").contains("reg-pw");
  }

  @Test
  void configErrorsNameTheSecretKeyButNotItsValue() {
    assertThat(ConfigErrors.invalid("kafka.options.sasl.jaas.config", "pw-1", "is not valid"))
        .hasMessage("kafka.options.sasl.jaas.config: '[hidden]' is not valid");
    assertThat(ConfigErrors.wrongShape("datasets.d.registry.password", "a list", "'pw-2'"))
        .hasMessage("datasets.d.registry.password: expected a list, found a secret value");
    assertThat(ConfigErrors.invalid("datasets.d.registry.password", "", "is empty; give a value"))
        .hasMessage("datasets.d.registry.password: '' is empty; give a value");
    assertThat(ConfigErrors.invalid("kafka.starting-offsets", "soon", "is not a position"))
        .hasMessage("kafka.starting-offsets: 'soon' is not a position");
  }

  @Test
  void kafkaSettingsNeverPrintTheirSecretOptions() {
    KafkaSettings kafka =
        new KafkaSettings(
            "b:9092",
            "earliest",
            java.util.OptionalLong.empty(),
            true,
            java.util.Map.of(
                "sasl.jaas.config", "ScramLoginModule required password=\"pw-3\";",
                "security.protocol", "SASL_SSL"));

    assertThat(kafka.toString())
        .doesNotContain("pw-3")
        .contains("sasl.jaas.config=[hidden]", "security.protocol=SASL_SSL");
  }

  @Test
  void abfsCustomerProvidedKeysAreSecret() {
    assertThat(Secrets.isSecret("fs.azure.encryption.encoded.client-provided-key")).isTrue();
    assertThat(Secrets.isSecret("spark.hadoop.fs.azure.encryption.encoded.client-provided-key"))
        .isTrue();
    assertThat(Secrets.isSecret("fs.azure.encryption.encoded.client-provided-key-sha")).isFalse();
  }

  @Test
  void aUrlPasswordHoldingAtSignsOrSlashesIsHiddenWhole() {
    assertThat(Secrets.scrub("connect to https://svc:p@ss/w0rd@registry:8081/subjects failed"))
        .isEqualTo("connect to https://svc:[hidden]@registry:8081/subjects failed")
        .doesNotContain("ss/w0rd");
    assertThat(Secrets.scrub("s3a://key:se@cret@bucket/path")).doesNotContain("se@cret", "cret");
    assertThat(Secrets.scrub("https://user:pw@host/a and https://other:pw2@host2/b"))
        .isEqualTo("https://user:[hidden]@host/a and https://other:[hidden]@host2/b");
  }

  @Test
  void longTextIsCutBeforeItIsScrubbedAndStaysQuick() {
    String huge = "a".repeat(2_000_000) + " password=pw-9";
    long start = System.nanoTime();
    String scrubbed = Secrets.scrub(huge);
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(5));
    assertThat(scrubbed)
        .hasSizeLessThan(Secrets.MAX_SCRUBBED + 100)
        .endsWith("(" + (huge.length() - Secrets.MAX_SCRUBBED) + " more characters cut)")
        .doesNotContain("pw-9");
    assertThat(Secrets.scrub("https://u:" + "x".repeat(100) + "@h password=pw-8"))
        .isEqualTo("https://u:[hidden]@h password=[hidden]");
  }

  @Test
  void aConfigPrintsItsSparkAndHadoopSectionsMasked() {
    SplitflowConfig config =
        new SplitflowConfig(
            new KafkaSettings(
                "b:9092", "earliest", java.util.OptionalLong.empty(), true, java.util.Map.of()),
            new LakeSettings("/lake", "/lake/_checkpoints", java.util.Optional.empty()),
            java.util.Map.of(
                "spark.hadoop.fs.s3a.secret.key", "sk-1", "spark.sql.shuffle.partitions", "4"),
            java.util.Map.of(),
            MaintenanceSettings.DEFAULT,
            MetricsSettings.DEFAULT,
            java.util.Map.of("fs.azure.account.key.acct.dfs.core.windows.net", "ak-2"),
            OnDatasetFailure.DEFAULT);
    assertThat(config.toString())
        .doesNotContain("sk-1", "ak-2")
        .contains("spark.sql.shuffle.partitions=4", "fs.s3a.secret.key=[hidden]");
  }
}
