package io.splitflow.common.config;

import java.util.Locale;

/** How a dataset's Kafka values are encoded. */
public enum DataFormat {
  JSON,
  /** Plain Avro binary written with the configured schema. */
  AVRO,
  /** Confluent wire format: magic byte 0, 4-byte schema id, Avro binary. */
  AVRO_CONFLUENT,
  /**
   * Protocol Buffers, described by a compiled descriptor set ({@code protoc --descriptor_set_out}).
   */
  PROTOBUF,
  /**
   * Confluent wire format: magic byte 0, 4-byte schema id, the message-index array, then protobuf
   * binary of the message type the indexes pick in the configured descriptor set's file.
   */
  PROTOBUF_CONFLUENT,
  /** Confluent wire format: magic byte 0, 4-byte schema id, then a JSON object. */
  JSON_CONFLUENT;

  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean isAvro() {
    return this == AVRO || this == AVRO_CONFLUENT;
  }

  /** Whether a descriptor set ({@code protobuf:}) describes the records. */
  public boolean isProtobuf() {
    return this == PROTOBUF || this == PROTOBUF_CONFLUENT;
  }
}
