package io.splitflow.deserialize.decode.avro;

import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;

/** The Confluent wire format's 5-byte header: magic byte 0, then a big-endian schema id. */
public final class ConfluentFrame {
  public static final int HEADER = 5;

  private ConfluentFrame() {}

  /** Why {@code value} is not a framed record, or null when its header is sound. */
  public static DecodeResult problem(byte[] value) {
    if (value == null) {
      return DecodeResult.failed(DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
    }
    // the magic byte is checked first, so "{}" reads as JSON sent to an Avro topic
    if (value.length > 0 && value[0] != 0) {
      return DecodeResult.failed(
          DecodeError.BAD_MAGIC_BYTE,
          String.format("expected magic byte 0, found 0x%02x", value[0] & 0xff));
    }
    if (value.length < HEADER) {
      return DecodeResult.failed(
          DecodeError.TRUNCATED,
          "payload of " + value.length + " bytes is shorter than the 5-byte header");
    }
    return null;
  }

  public static int schemaId(byte[] value) {
    return (value[1] & 0xff) << 24
        | (value[2] & 0xff) << 16
        | (value[3] & 0xff) << 8
        | value[4] & 0xff;
  }
}
