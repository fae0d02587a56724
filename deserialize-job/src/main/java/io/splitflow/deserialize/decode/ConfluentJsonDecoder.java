package io.splitflow.deserialize.decode;

import io.splitflow.deserialize.decode.avro.ConfluentFrame;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decodes the Confluent JSON Schema wire format: magic byte 0, a 4-byte schema id, then a JSON
 * object, read by the strict JSON decoder against the dataset's fields. The schema id is not looked
 * up: the dataset's fields are the schema, as for format json.
 */
public final class ConfluentJsonDecoder implements RecordDecoder {

  private static final long serialVersionUID = 1L;

  private final JsonRecordDecoder json;

  public ConfluentJsonDecoder(JsonRecordDecoder json) {
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public DecodeResult decode(byte[] value) {
    DecodeResult badFrame = ConfluentFrame.problem(value);
    if (badFrame != null) {
      return badFrame;
    }
    // a copy, so byte offsets in messages count from the JSON's first byte
    return json.decode(Arrays.copyOfRange(value, ConfluentFrame.HEADER, value.length));
  }
}
