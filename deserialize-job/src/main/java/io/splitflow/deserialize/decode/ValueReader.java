package io.splitflow.deserialize.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads one field's value as its schema type, without coercion. A value the type does not accept
 * becomes a problem and a null, and the parser is left after the value either way.
 */
final class ValueReader {

  private static final int MAX_QUOTED = 60;

  private ValueReader() {}

  static Object read(JsonParser p, JsonToken token, FieldSpec field, Problems problems)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      if (field.required()) {
        problems.add(DecodeError.MISSING_FIELD, "required field '" + field.name() + "' is null");
      }
      return null;
    }
    switch (field.type()) {
      case STRING -> {
        if (token == JsonToken.VALUE_STRING) {
          return string(p.getText(), field, problems);
        }
      }
      case INT -> {
        if (token == JsonToken.VALUE_NUMBER_INT) {
          return p.getNumberType() == NumberType.INT
              ? p.getIntValue()
              : outOfRange(p, field, problems);
        }
      }
      case LONG -> {
        if (token == JsonToken.VALUE_NUMBER_INT) {
          return p.getNumberType() != NumberType.BIG_INTEGER
              ? p.getLongValue()
              : outOfRange(p, field, problems);
        }
      }
      case FLOAT -> {
        if (token.isNumeric()) {
          float f = p.getFloatValue();
          return Float.isInfinite(f) ? outOfRange(p, field, problems) : f;
        }
      }
      case DOUBLE -> {
        if (token.isNumeric()) {
          double d = p.getDoubleValue();
          return Double.isInfinite(d) ? outOfRange(p, field, problems) : d;
        }
      }
      case BOOLEAN -> {
        if (token.isBoolean()) {
          return token == JsonToken.VALUE_TRUE;
        }
      }
      case DATE -> {
        LocalDate date = token == JsonToken.VALUE_STRING ? IsoTemporals.date(p.getText()) : null;
        if (date != null) {
          return date;
        }
      }
      case TIMESTAMP -> {
        Instant instant =
            token == JsonToken.VALUE_STRING ? IsoTemporals.timestamp(p.getText()) : null;
        if (instant != null) {
          return TemporalRange.contains(instant) ? instant : outOfRange(p, field, problems);
        }
      }
    }
    problems.add(
        DecodeError.WRONG_TYPE,
        "field '"
            + field.name()
            + "': expected "
            + expected(field.type())
            + ", found "
            + found(p, token));
    p.skipChildren();
    return null;
  }

  /**
   * The text of a string field, unless it holds an unpaired surrogate ({@code "\\ud800"} is valid
   * JSON): Spark would store it as UTF-8 with a '?' in its place, changing the value silently.
   */
  private static String string(String text, FieldSpec field, Problems problems) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
        if (!paired) {
          problems.add(
              DecodeError.WRONG_TYPE,
              String.format(
                  "field '%s': expected string, found a string with an unpaired surrogate \\u%04x"
                      + " at character %d (not valid Unicode)",
                  field.name(), (int) c, i));
          return null;
        }
        i++;
      }
    }
    return text;
  }

  /** What a top-level value or a field value is, in JSON's terms. */
  static String kind(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  /** Input text for a message, cut short so one huge value cannot swamp the dead letters. */
  static String excerpt(String text) {
    if (text.length() <= MAX_QUOTED) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
    return text.substring(0, end) + "...";
  }

  private static Object outOfRange(JsonParser p, FieldSpec field, Problems problems)
      throws IOException {
    problems.add(
        DecodeError.OUT_OF_RANGE,
        "field '"
            + field.name()
            + "': "
            + excerpt(p.getText())
            + " is out of range for "
            + field.type().typeName());
    return null;
  }

  private static String expected(FieldType type) {
    return switch (type) {
      case DATE -> "an ISO-8601 date (yyyy-MM-dd)";
      case TIMESTAMP -> "an ISO-8601 timestamp (e.g. 2026-11-27T08:15:30Z)";
      default -> type.typeName();
    };
  }

  private static String found(JsonParser p, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> "string \"" + excerpt(p.getText()) + "\"";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          kind(token) + " " + excerpt(p.getText());
      default -> kind(token);
    };
  }
}
