package io.splitflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSourceOptionsTest {
  private static final String YAML =
      """
      kafka:
        bootstrap-servers: b1:9092,b2:9092
        starting-offsets: latest
        max-offsets-per-trigger: 5000
        fail-on-data-loss: false
        options:
          security.protocol: SASL_SSL
          sasl.mechanism: SCRAM-SHA-512
      lake: { root: /lake }
      datasets:
        d:
          topic: events
          fields: [{ name: id, type: string, required: true }]
          merge: { keys: id, sequence-by: id }
      """;

  private static Map<String, String> options(String... overrides) {
    SplitflowConfig config = ConfigLoader.parse(YAML, List.of(overrides), Map.of());
    return KafkaSourceOptions.of(config.kafka(), config.dataset("d"));
  }

  @Test
  void configBecomesSparkKafkaSourceOptionsWithClientOptionsPassedThrough() {
    assertThat(options())
        .containsEntry("kafka.bootstrap.servers", "b1:9092,b2:9092")
        .containsEntry("subscribe", "events")
        .containsEntry("startingOffsets", "latest")
        .containsEntry("maxOffsetsPerTrigger", "5000")
        .containsEntry("failOnDataLoss", "false")
        .containsEntry("includeHeaders", "true")
        .containsEntry("kafka.security.protocol", "SASL_SSL")
        .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512");
  }

  @Test
  void readsOnlyCommittedTransactionsUnlessTold() {
    assertThat(options()).containsEntry("kafka.isolation.level", "read_committed");
    assertThat(options("kafka.options.isolation.level=read_uncommitted"))
        .containsEntry("kafka.isolation.level", "read_uncommitted");
  }

  @Test
  void noRateLimitUnlessConfigured() {
    SplitflowConfig config =
        ConfigLoader.parse(
            YAML.replace("  max-offsets-per-trigger: 5000\n", ""), List.of(), Map.of());
    assertThat(KafkaSourceOptions.of(config.kafka(), config.dataset("d")))
        .doesNotContainKey("maxOffsetsPerTrigger");
  }

  @Test
  void saslAndTlsClientOptionsReachTheKafkaSourceUnchanged() {
    String jaas =
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"splitflow\" password=\"pw\";";
    Map<String, String> options =
        options(
            "kafka.options.sasl.jaas.config=" + jaas,
            "kafka.options.ssl.truststore.location=/etc/kafka/truststore.jks",
            "kafka.options.ssl.truststore.password=trust-pw",
            "kafka.options.ssl.truststore.type=PKCS12",
            "kafka.options.ssl.endpoint.identification.algorithm=https");

    assertThat(options)
        .containsEntry("kafka.security.protocol", "SASL_SSL")
        .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("kafka.sasl.jaas.config", jaas)
        .containsEntry("kafka.ssl.truststore.location", "/etc/kafka/truststore.jks")
        .containsEntry("kafka.ssl.truststore.password", "trust-pw")
        .containsEntry("kafka.ssl.truststore.type", "PKCS12")
        .containsEntry("kafka.ssl.endpoint.identification.algorithm", "https");
  }

  @Test
  void aDatasetsSizingOverridesTheKafkaSectionsDefaults() {
    assertThat(options("kafka.min-partitions=8"))
        .containsEntry("maxOffsetsPerTrigger", "5000")
        .containsEntry("minPartitions", "8");
    assertThat(
            options(
                "kafka.min-partitions=8",
                "datasets.d.sizing.max-offsets-per-trigger=1000000",
                "datasets.d.sizing.min-partitions=16"))
        .containsEntry("maxOffsetsPerTrigger", "1000000")
        .containsEntry("minPartitions", "16");
    assertThat(options()).doesNotContainKey("minPartitions");
  }
}
