package io.splitflow.deserialize.decode;

import static io.splitflow.common.schema.FieldType.BOOLEAN;
import static io.splitflow.common.schema.FieldType.DATE;
import static io.splitflow.common.schema.FieldType.DOUBLE;
import static io.splitflow.common.schema.FieldType.FLOAT;
import static io.splitflow.common.schema.FieldType.INT;
import static io.splitflow.common.schema.FieldType.LONG;
import static io.splitflow.common.schema.FieldType.STRING;
import static io.splitflow.common.schema.FieldType.TIMESTAMP;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.splitflow.common.schema.FieldSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sensor-reading schema with every field type, and ways to write records for it. */
final class Records {

  static final List<FieldSpec> SCHEMA =
      List.of(
          new FieldSpec("sensor_id", STRING, true),
          new FieldSpec("reading_date", DATE, true),
          new FieldSpec("read_at", TIMESTAMP, false),
          new FieldSpec("value", DOUBLE, false),
          new FieldSpec("ratio", FLOAT, false),
          new FieldSpec("n", INT, false),
          new FieldSpec("seq", LONG, false),
          new FieldSpec("active", BOOLEAN, false));

  private Records() {}

  static JsonRecordDecoder decoder() {
    return new JsonRecordDecoder(SCHEMA, UnknownFieldPolicy.IGNORE);
  }

  static JsonRecordDecoder deadLetteringDecoder() {
    return new JsonRecordDecoder(SCHEMA, UnknownFieldPolicy.DEAD_LETTER);
  }

  /**
   * JSON written with single quotes for readability; fine as long as no value needs a single quote.
   */
  static byte[] json(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(UTF_8);
  }

  /** The smallest valid record with {@code field} set to the raw JSON {@code value}. */
  static byte[] withField(String field, String value) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("sensor_id", "\"s-1\"");
    fields.put("reading_date", "\"2026-11-27\"");
    fields.put(field, value);
    StringBuilder json = new StringBuilder("{");
    fields.forEach(
        (name, raw) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\":")
                .append(raw));
    return json.append('}').toString().getBytes(UTF_8);
  }

  /** Bytes from ASCII text with raw bytes spliced in where the text has a {@code %}. */
  static byte[] withRawBytes(String ascii, int... raw) {
    byte[] bytes = new byte[ascii.length() - 1 + raw.length];
    int at = ascii.indexOf('%');
    for (int i = 0; i < at; i++) {
      bytes[i] = (byte) ascii.charAt(i);
    }
    for (int i = 0; i < raw.length; i++) {
      bytes[at + i] = (byte) raw[i];
    }
    for (int i = at + 1; i < ascii.length(); i++) {
      bytes[raw.length + i - 1] = (byte) ascii.charAt(i);
    }
    return bytes;
  }
}
