package io.splitflow.common.config;

import java.util.Map;
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
    Map<String, String> options) {

  public static final String DEFAULT_STARTING_OFFSETS = "earliest";
  public static final boolean DEFAULT_FAIL_ON_DATA_LOSS = true;

  public KafkaSettings {
    options = Map.copyOf(options);
  }
}
