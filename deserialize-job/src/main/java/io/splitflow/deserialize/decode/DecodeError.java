package io.splitflow.deserialize.decode;

/** Why a message value could not be decoded; the class of the first problem found in it. */
public enum DecodeError {
  /** The value is null, a Kafka tombstone. */
  NULL_VALUE,
  /** The value is empty, not JSON, not UTF-8, or has content after the top-level value. */
  MALFORMED_JSON,
  /** The value is JSON but its top level is not an object. */
  NOT_AN_OBJECT,
  /** A top-level field name occurs more than once. */
  DUPLICATE_FIELD,
  /** A required field is absent or JSON null. */
  MISSING_FIELD,
  /** A field holds a JSON type, or a text format, its schema type does not accept. */
  WRONG_TYPE,
  /** A number of the right kind that does not fit the schema type. */
  OUT_OF_RANGE,
  /** A top-level field that is not in the schema, when such fields are dead-lettered. */
  UNKNOWN_FIELD,
  /** A tombstone whose Kafka key does not give the merge key fields. */
  BAD_TOMBSTONE_KEY,
  /** The decoder itself failed on this record (a bug); the record waits in dead letters. */
  DECODER_FAILURE,
  /** Avro binary that does not decode with its schema: truncated, garbage, or bytes left over. */
  MALFORMED_AVRO,
  /** A Confluent-framed value whose first byte is not the magic byte 0. */
  BAD_MAGIC_BYTE,
  /** A Confluent-framed value shorter than its 5-byte header. */
  TRUNCATED,
  /** The schema id in a Confluent header is not in the schema registry, or it is unreachable. */
  UNKNOWN_SCHEMA_ID,
  /** The writer's schema cannot be resolved against the reader schema. */
  INCOMPATIBLE_SCHEMA,
  /** Bytes that do not parse as the configured protobuf message: truncated or garbage. */
  MALFORMED_PROTOBUF,
  /** A change event the decoder does not apply, such as a truncate; the message names its op. */
  UNSUPPORTED_CHANGE,
  /**
   * A change event without an op or the before/after object its op needs, with one of those twice,
   * or with a payload that is not an object.
   */
  MALFORMED_CHANGE_EVENT,
  /**
   * A computed column's expression failed on this record (an ANSI cast of a bad value, a division
   * by zero, ...); the message names the column.
   */
  COLUMN_FAILED
}
