package io.splitflow.deserialize.decode;

import java.io.Serializable;

/**
 * Decodes one Kafka message value into the dataset's typed values. Runs inside a Spark UDF on the
 * executors, so it is serializable, keeps heavy state in lazily built transient fields, and reports
 * every bad record as a failed result instead of throwing.
 */
public interface RecordDecoder extends Serializable {
  DecodeResult decode(byte[] value);

  /**
   * Whether a decoded record has one more value after the dataset's fields: the JSON text of the
   * fields the schema does not declare (or null), which bronze keeps in {@code _extra}.
   */
  default boolean keepsExtra() {
    return false;
  }
}
