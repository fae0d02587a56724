package io.splitflow.common.config;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How the ingest job reaches Kafka. {@code options} are Kafka client properties passed through
 * unchanged (security included), e.g. {@code security.protocol: SASL_SSL}.
 */
public record KafkaSettings(
    String bootstrapServers,
    String startingOffsets,
    OptionalLong maxOffsetsPerTrigger,
    boolean failOnDataLoss,
    Map<String, String> options,
    Optional<String> commitOffsetsToGroup,
    OptionalInt minPartitions) {

  public static final String DEFAULT_STARTING_OFFSETS = "earliest";
  public static final boolean DEFAULT_FAIL_ON_DATA_LOSS = true;

  public KafkaSettings {
    options = Map.copyOf(options);
  }

  public KafkaSettings(
      String bootstrapServers,
      String startingOffsets,
      OptionalLong maxOffsetsPerTrigger,
      boolean failOnDataLoss,
      Map<String, String> options) {
    this(
        bootstrapServers,
        startingOffsets,
        maxOffsetsPerTrigger,
        failOnDataLoss,
        options,
        Optional.empty(),
        OptionalInt.empty());
  }

  @Override
  public String toString() {
    // the options hold credentials (sasl.jaas.config, ssl.*.password)
    Map<String, String> shown = new java.util.TreeMap<>();
    options.forEach((key, value) -> shown.put(key, Secrets.mask(key, value)));
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", startingOffsets="
        + startingOffsets
        + ", maxOffsetsPerTrigger="
        + maxOffsetsPerTrigger
        + ", failOnDataLoss="
        + failOnDataLoss
        + ", options="
        + shown
        + ", commitOffsetsToGroup="
        + commitOffsetsToGroup
        + ", minPartitions="
        + minPartitions
        + "]";
  }
}
