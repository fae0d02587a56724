package io.splitflow.deserialize.decode;

import io.splitflow.common.config.TombstoneKey;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a Kafka tombstone's key into the merge-key values of a delete: the key is either the key
 * fields joined by a separator (in merge-key order) or a JSON object holding them. Without a key
 * format configured, a tombstone is still a delete, with null keys (merge-job counts and skips it).
 */
public final class TombstoneKeyDecoder implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Null when no key format is configured; kept as plain strings, since Optional does not
   * serialize.
   */
  private final String format;

  private final String separator;
  private final int fieldCount;
  private final int[] keyPositions;
  private final FieldSpec[] keyFields;
  private final JsonRecordDecoder json;

  public TombstoneKeyDecoder(TombstoneKey format, List<FieldSpec> fields, List<String> keys) {
    this.format = format == null ? null : format.format();
    this.separator = format == null ? null : format.separator().orElse("|");
    this.fieldCount = fields.size();
    this.keyPositions = new int[keys.size()];
    this.keyFields = new FieldSpec[keys.size()];
    List<FieldSpec> required = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(keys.get(k))) {
          keyPositions[k] = i;
          keyFields[k] = new FieldSpec(fields.get(i).name(), fields.get(i).type(), true);
          required.add(keyFields[k]);
        }
      }
    }
    this.json =
        format != null && format.format().equals(TombstoneKey.JSON)
            ? new JsonRecordDecoder(required, UnknownFieldPolicy.IGNORE)
            : null;
  }

  public DecodeResult decode(byte[] key) {
    Object[] values = new Object[fieldCount];
    if (format == null) {
      return DecodeResult.ok(values);
    }
    if (key == null) {
      return failed("the tombstone has no key");
    }
    Object[] keyValues;
    if (json != null) {
      DecodeResult result = json.decode(unwrapPayload(key));
      if (!result.ok()) {
        return failed("its key is not a JSON object with the key fields: " + result.message());
      }
      keyValues = result.values();
    } else {
      String text;
      try {
        // strictly: a lenient decode would put U+FFFD into the key and delete another key
        text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(key)).toString();
      } catch (CharacterCodingException e) {
        return failed("its key is not valid UTF-8 (" + e.getMessage() + ")");
      }
      String[] parts = text.split(Pattern.quote(separator), -1);
      if (parts.length != keyFields.length) {
        return failed(
            "its key '"
                + text
                + "' has "
                + parts.length
                + " parts; expected "
                + keyFields.length
                + " separated by '"
                + separator
                + "'");
      }
      keyValues = new Object[parts.length];
      for (int k = 0; k < parts.length; k++) {
        try {
          keyValues[k] = parse(keyFields[k], parts[k]);
        } catch (RuntimeException e) {
          return failed(
              "key field '"
                  + keyFields[k].name()
                  + "': '"
                  + parts[k]
                  + "' is not a "
                  + keyFields[k].type().typeName());
        }
      }
    }
    for (int k = 0; k < keyPositions.length; k++) {
      values[keyPositions[k]] = keyValues[k];
    }
    return DecodeResult.ok(values);
  }

  /**
   * Kafka Connect's JSON converter wraps keys as {@code {"schema": ..., "payload": {...}}}
   * (Debezium's tombstones carry such keys): decode the payload then.
   */
  private static byte[] unwrapPayload(byte[] key) {
    if (key.length == 0
        || key[0] != '{'
        || !new String(key, StandardCharsets.UTF_8).contains("\"payload\"")) {
      return key;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode node = MAPPER.readTree(key);
      com.fasterxml.jackson.databind.JsonNode payload = node.get("payload");
      return payload != null && payload.isObject() && node.has("schema")
          ? MAPPER.writeValueAsBytes(payload)
          : key;
    } catch (java.io.IOException e) {
      return key; // the strict decoder reports what is wrong with it
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static Object parse(FieldSpec field, String text) {
    if (field.type() instanceof FieldType.Decimal decimal) {
      // as the JSON decoder takes them: exact, never rounded; a decimal(38) needs few characters
      return requireNonNull(
          text.length() > 100 ? null : ScalarReader.fit(new BigDecimal(text), decimal));
    }
    // merge keys are never nested: the config loader refuses them
    return switch (field.type().scalar()) {
      case STRING -> text;
      case INT -> Integer.parseInt(text);
      case SHORT -> Short.parseShort(text);
      case BYTE -> Byte.parseByte(text);
      case BINARY -> Base64.getDecoder().decode(text);
      case TIMESTAMP_NTZ -> requireNonNull(IsoTemporals.localDateTime(text));
      case LONG -> Long.parseLong(text);
      case FLOAT -> Float.parseFloat(text);
      case DOUBLE -> Double.parseDouble(text);
      case BOOLEAN ->
          switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
          };
      // as the JSON decoder takes them: yyyy-MM-dd, ISO-8601 within TemporalRange
      case DATE -> requireNonNull(IsoTemporals.date(text));
      case TIMESTAMP -> {
        Instant instant = requireNonNull(IsoTemporals.timestamp(text));
        if (!TemporalRange.contains(instant)) {
          throw new IllegalArgumentException(text);
        }
        yield instant;
      }
    };
  }

  private static <T> T requireNonNull(T value) {
    if (value == null) {
      throw new IllegalArgumentException("not parsed");
    }
    return value;
  }

  private static DecodeResult failed(String why) {
    return DecodeResult.failed(
        DecodeError.BAD_TOMBSTONE_KEY, "tombstone cannot be a delete: " + why);
  }
}
