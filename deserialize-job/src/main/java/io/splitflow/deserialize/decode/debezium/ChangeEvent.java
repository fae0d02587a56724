package io.splitflow.deserialize.decode.debezium;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * The parts of a Debezium change event the decoder uses, read in one streaming pass: {@code op},
 * {@code before} and {@code after} as {@link RowSlice}s, {@code source.ts_ms} and {@code
 * source.lsn}. The event is the value itself, or its {@code payload} when the JSON converter
 * wrapped it with its schema ({@code schemas.enable=true}); the schema is skipped unread.
 */
final class ChangeEvent {

  String op;

  /** What {@code op} was when it was not a string, e.g. "number 5". */
  String opFound;

  RowSlice before;
  RowSlice after;

  /** What {@code before} and {@code after} were when not objects: "null", "array", ... */
  String beforeFound;

  String afterFound;

  /** The keys of {@code source} read, integers: the commit time and the log position. */
  static final List<String> SOURCE_KEYS = List.of("ts_ms", "lsn");

  /** The values of {@link #SOURCE_KEYS}, null when absent or not integers. */
  final Long[] source = new Long[SOURCE_KEYS.size()];

  /** What the {@link #SOURCE_KEYS} were when not integers, e.g. {@code string "0/16B3748"}. */
  final String[] sourceFound = new String[SOURCE_KEYS.size()];

  /** A problem with the event's shape, if any; the rest may then be incomplete. */
  String malformed;

  private int seen;

  private ChangeEvent() {}

  /**
   * Reads the event at the parser's first token, to the end of the input. JSON errors surface as
   * IOExceptions; a top level that is not an object as {@link NotAnObject}.
   */
  static ChangeEvent read(JsonParser p, RowSlice.Shape row, RowSlice.Shape key) throws IOException {
    JsonToken first = p.nextToken();
    if (first != JsonToken.START_OBJECT) {
      if (first != null) {
        p.skipChildren();
        requireEnd(p);
      }
      throw new NotAnObject(first);
    }
    ChangeEvent top = new ChangeEvent();
    ChangeEvent payload = top.readObject(p, row, key, true);
    requireEnd(p);
    return payload != null ? payload : top;
  }

  /** Reads the fields of an event object; returns the payload's event if this one wraps one. */
  private ChangeEvent readObject(JsonParser p, RowSlice.Shape row, RowSlice.Shape key, boolean top)
      throws IOException {
    ChangeEvent payload = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      switch (name) {
        case "payload" -> {
          if (top && once(name, 1)) {
            payload = new ChangeEvent();
            if (token == JsonToken.START_OBJECT) {
              payload.readObject(p, row, key, false);
            } else {
              payload.malformed = "'payload' is " + found(p, token) + ", expected an object";
            }
          }
        }
        case "op" -> {
          if (once(name, 2)) {
            if (token == JsonToken.VALUE_STRING) {
              op = p.getText();
            } else {
              opFound = found(p, token);
            }
          }
        }
        case "before" -> {
          if (once(name, 4)) {
            if (token == JsonToken.START_OBJECT) {
              before = RowSlice.scan(p, key);
            } else {
              beforeFound = found(p, token);
            }
          }
        }
        case "after" -> {
          if (once(name, 8)) {
            if (token == JsonToken.START_OBJECT) {
              after = RowSlice.scan(p, row);
            } else {
              afterFound = found(p, token);
            }
          }
        }
        case "source" -> {
          if (once(name, 16) && token == JsonToken.START_OBJECT) {
            readSource(p);
          }
        }
        default -> {}
      }
      p.skipChildren();
    }
    if (payload != null && malformed != null && payload.malformed == null) {
      payload.malformed = malformed;
    }
    return payload;
  }

  private void readSource(JsonParser p) throws IOException {
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      int s = SOURCE_KEYS.indexOf(name);
      if (s >= 0) {
        boolean integral =
            token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != NumberType.BIG_INTEGER;
        source[s] = integral ? p.getLongValue() : null;
        sourceFound[s] = integral ? null : found(p, token);
      }
      p.skipChildren();
    }
  }

  /** False, noting the problem, if the event already had this field. */
  private boolean once(String name, int bit) {
    if ((seen & bit) != 0) {
      if (malformed == null) {
        malformed = "the change event has '" + name + "' twice";
      }
      return false;
    }
    seen |= bit;
    return true;
  }

  /** What a value is, in JSON's terms, with scalars quoted: {@code string "x"}, {@code null}. */
  static String found(JsonParser p, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "string \"" + Problems.excerpt(p.getText()) + "\"";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + Problems.excerpt(p.getText());
      case VALUE_TRUE, VALUE_FALSE -> "boolean " + p.getText();
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  // Jackson stops at the end of the first value and would not notice `{"a":1} x` or a second object
  private static void requireEnd(JsonParser p) throws IOException {
    JsonToken trailing = p.nextToken();
    if (trailing != null) {
      throw new JsonParseException(
          p, "Trailing token (of type " + trailing + ") found after the top-level value");
    }
  }

  /** Valid JSON whose top level is not an object; {@code found} is null for empty input. */
  static final class NotAnObject extends IOException {
    private static final long serialVersionUID = 1L;
    final transient JsonToken found;

    NotAnObject(JsonToken found) {
      super("not an object");
      this.found = found;
    }
  }
}
