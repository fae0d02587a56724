package io.splitflow.common.config;

import java.util.Locale;

/** How a dataset's Kafka values are encoded. */
public enum DataFormat {
  JSON,
  /** Plain Avro binary written with the configured schema. */
  AVRO,
  /** Confluent wire format: magic byte 0, 4-byte schema id, Avro binary. */
  AVRO_CONFLUENT;

  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean isAvro() {
    return this != JSON;
  }
}
