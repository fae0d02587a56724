package io.splitflow.deserialize.decode.debezium;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import io.splitflow.common.config.DecimalHandling;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.ScalarReader;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One object of a change event ({@code before} or {@code after}) as found by a single pass over the
 * event: where its bytes are, so the JSON decoder can read them as they are, and the numeric dates
 * and timestamps in it, which that decoder refuses. Those are converted here, replaced in the bytes
 * by a placeholder the decoder takes, and patched into its values afterwards.
 */
final class RowSlice {

  private static final java.util.regex.Pattern PLAIN_DECIMAL =
      java.util.regex.Pattern.compile("[-+]?[0-9]{1,100}(\\.[0-9]{1,100})?");

  private static final byte[] DATE_PLACEHOLDER = "\"1970-01-01\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TIMESTAMP_PLACEHOLDER =
      "\"1970-01-01T00:00:00Z\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DECIMAL_PLACEHOLDER = "0".getBytes(StandardCharsets.UTF_8);

  private final int start;
  private int end;
  private boolean[] present;
  // created at the first numeric date or timestamp only
  private List<Converted> converted;
  private Problems problems;

  private record Converted(int from, int to, int position, Object value, byte[] placeholder) {}

  private RowSlice(int start) {
    this.start = start;
  }

  /**
   * Scans the object at the parser's current START_OBJECT, leaving the parser at its END_OBJECT.
   */
  static RowSlice scan(JsonParser p, Shape shape) throws IOException {
    RowSlice slice = new RowSlice(offset(p.currentTokenLocation().getByteOffset()));
    if (shape.positions.isEmpty()) {
      p.skipChildren();
    } else {
      slice.present = new boolean[shape.types.length];
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken token = p.nextToken();
        Integer position = shape.positions.get(name);
        if (position != null) {
          slice.present[position] |= token != JsonToken.VALUE_NULL;
          FieldType type = shape.types[position];
          if (type instanceof FieldType.Decimal decimal) {
            if (token == JsonToken.VALUE_STRING) {
              slice.decimal(p, position, shape.names[position], decimal, shape.decimals);
            }
          } else if (token.isNumeric() && type != null) {
            slice.convert(p, token, position, shape.names[position], type);
          }
        }
        p.skipChildren();
      }
    }
    slice.end = offset(p.currentLocation().getByteOffset());
    return slice;
  }

  /** Whether a watched field is in the object and not null. */
  boolean present(int position) {
    return present != null && present[position];
  }

  /** The conversion problems, first in the record's list. */
  void reportTo(Problems target) {
    if (problems != null) {
      target.add(problems.failed(""));
    }
  }

  /** The object's bytes, with placeholders for the numeric dates and timestamps. */
  byte[] bytes(byte[] value) {
    if (converted == null) {
      return Arrays.copyOfRange(value, start, end);
    }
    int length = end - start;
    for (Converted c : converted) {
      length += c.placeholder.length - (c.to - c.from);
    }
    byte[] bytes = new byte[length];
    int from = start;
    int at = 0;
    for (Converted c : converted) {
      System.arraycopy(value, from, bytes, at, c.from - from);
      at += c.from - from;
      System.arraycopy(c.placeholder, 0, bytes, at, c.placeholder.length);
      at += c.placeholder.length;
      from = c.to;
    }
    System.arraycopy(value, from, bytes, at, end - from);
    return bytes;
  }

  /** Puts the converted dates and timestamps in the values the JSON decoder gave. */
  void patch(Object[] values) {
    if (converted != null) {
      for (Converted c : converted) {
        values[c.position] = c.value;
      }
    }
  }

  private void convert(JsonParser p, JsonToken token, int position, String name, FieldType type)
      throws IOException {
    int from = offset(p.currentTokenLocation().getByteOffset());
    // numbers are ASCII: as many bytes as characters
    int to = from + p.getTextLength();
    Object value = null;
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      problem(
          DecodeError.WRONG_TYPE,
          "field '"
              + name
              + "': expected "
              + NumericTemporals.expected(type)
              + ", found number "
              + Problems.excerpt(p.getText()));
    } else if (p.getNumberType() == NumberType.BIG_INTEGER) {
      outOfRange(name, type, p.getText());
    } else if (type == FieldType.DATE) {
      LocalDate date = NumericTemporals.date(p.getLongValue());
      if (date == null) {
        outOfRange(name, type, p.getText());
      }
      value = date;
    } else {
      Instant instant = NumericTemporals.timestamp(p.getLongValue());
      value = instant;
    }
    if (converted == null) {
      converted = new ArrayList<>(2);
    }
    converted.add(
        new Converted(
            from,
            to,
            position,
            value,
            type == FieldType.DATE ? DATE_PLACEHOLDER : TIMESTAMP_PLACEHOLDER));
  }

  /**
   * A decimal as Debezium's JSON converter writes it in a string: base64 of the unscaled value's
   * two's-complement bytes at the declared scale ({@code precise}), or its text ({@code string}).
   * Either way it must fit the declared type exactly, as a JSON number must.
   */
  private void decimal(
      JsonParser p, int position, String name, FieldType.Decimal type, DecimalHandling mode)
      throws IOException {
    if (mode == DecimalHandling.DOUBLE) {
      return; // a number is expected, and the JSON decoder says what it found instead
    }
    int from = offset(p.currentTokenLocation().getByteOffset());
    String text = p.getText();
    int to = offset(p.currentLocation().getByteOffset()); // after the closing quote
    BigDecimal parsed = mode == DecimalHandling.PRECISE ? unscaledBytes(text, type) : text(text);
    BigDecimal value = null;
    if (parsed == null) {
      problem(
          DecodeError.WRONG_TYPE,
          "field '"
              + name
              + "': expected "
              + type.typeName()
              + (mode == DecimalHandling.PRECISE
                  ? " as base64 bytes (decimal.handling.mode precise)"
                  : " as text (decimal.handling.mode string)")
              + ", found string \""
              + Problems.excerpt(text)
              + "\"");
    } else {
      value = ScalarReader.fit(parsed, type);
      if (value == null) {
        outOfRangeDecimal(name, type, parsed.toPlainString());
      }
    }
    if (converted == null) {
      converted = new ArrayList<>(2);
    }
    converted.add(new Converted(from, to, position, value, DECIMAL_PLACEHOLDER));
  }

  /** The unscaled value's two's-complement bytes in base64, at the declared scale; or null. */
  private static BigDecimal unscaledBytes(String base64, FieldType.Decimal type) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      return bytes.length == 0 ? null : new BigDecimal(new BigInteger(bytes), type.scale());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static BigDecimal text(String text) {
    return PLAIN_DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
  }

  private void outOfRangeDecimal(String name, FieldType.Decimal type, String text) {
    problem(
        DecodeError.OUT_OF_RANGE,
        "field '"
            + name
            + "': "
            + Problems.excerpt(text)
            + " is out of range for "
            + type.typeName());
  }

  private void outOfRange(String name, FieldType type, String text) {
    problem(
        DecodeError.OUT_OF_RANGE,
        "field '"
            + name
            + "': "
            + Problems.excerpt(text)
            + " is out of range for "
            + (type == FieldType.DATE
                ? "date (days since 1970-01-01, years 0000 to 9999)"
                : "timestamp (epoch milliseconds or microseconds)"));
  }

  private void problem(DecodeError error, String message) {
    if (problems == null) {
      problems = new Problems();
    }
    problems.add(error, message);
  }

  /** Byte offsets exist only for UTF-8 input; Jackson reads UTF-16 and UTF-32 through chars. */
  private static int offset(long byteOffset) throws IOException {
    if (byteOffset < 0 || byteOffset > Integer.MAX_VALUE) {
      throw new NotUtf8Exception();
    }
    return (int) byteOffset;
  }

  /** Thrown when the value is JSON in an encoding other than UTF-8. */
  static final class NotUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;

    NotUtf8Exception() {
      super("the value must be UTF-8 JSON");
    }
  }

  /**
   * The fields of one decoder that a scan watches: dates and timestamps, which may be numeric, and
   * the fields whose presence decides whether {@code source} fills them.
   */
  static final class Shape implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Integer> positions = new HashMap<>();
    private final String[] names;
    private final FieldType[] types;
    private final DecimalHandling decimals;

    Shape(List<FieldSpec> fields, Set<String> presenceOf) {
      this(fields, presenceOf, DecimalHandling.PRECISE);
    }

    /** Also watches the decimals, which {@code decimals} says how to read from a string. */
    Shape(List<FieldSpec> fields, Set<String> presenceOf, DecimalHandling decimals) {
      this.decimals = decimals;
      names = new String[fields.size()];
      types = new FieldType[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        FieldSpec field = fields.get(i);
        boolean temporal = field.type() == FieldType.DATE || field.type() == FieldType.TIMESTAMP;
        boolean decimal = field.type() instanceof FieldType.Decimal;
        if (temporal || decimal || presenceOf.contains(field.name())) {
          positions.put(field.name(), i);
          names[i] = field.name();
          types[i] = temporal || decimal ? field.type() : null;
        }
      }
    }
  }
}
