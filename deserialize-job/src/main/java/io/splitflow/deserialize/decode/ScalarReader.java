package io.splitflow.deserialize.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import io.splitflow.common.config.DecimalRounding;
import io.splitflow.common.schema.FieldType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;

/** Reads scalar and decimal values for {@link ValueReader}, strictly, by their declared type. */
public final class ScalarReader {

  private ScalarReader() {}

  /** What {@link #scalar} returns for a value its type does not take. */
  static final Object NOT_READ = new Object();

  static Object scalar(
      JsonParser p, JsonToken token, String path, FieldType.Scalar type, Problems problems)
      throws IOException {
    switch (type) {
      case STRING -> {
        if (token == JsonToken.VALUE_STRING) {
          return string(p.getText(), path, problems);
        }
      }
      case INT -> {
        if (token == JsonToken.VALUE_NUMBER_INT) {
          return p.getNumberType() == NumberType.INT
              ? p.getIntValue()
              : outOfRange(p, path, type, problems);
        }
      }
      case SHORT -> {
        if (token == JsonToken.VALUE_NUMBER_INT) {
          int n = p.getNumberType() == NumberType.INT ? p.getIntValue() : Integer.MAX_VALUE;
          return n == (short) n ? Short.valueOf((short) n) : outOfRange(p, path, type, problems);
        }
      }
      case BYTE -> {
        if (token == JsonToken.VALUE_NUMBER_INT) {
          int n = p.getNumberType() == NumberType.INT ? p.getIntValue() : Integer.MAX_VALUE;
          return n == (byte) n ? Byte.valueOf((byte) n) : outOfRange(p, path, type, problems);
        }
      }
      case LONG -> {
        if (token == JsonToken.VALUE_NUMBER_INT) {
          return p.getNumberType() != NumberType.BIG_INTEGER
              ? p.getLongValue()
              : outOfRange(p, path, type, problems);
        }
      }
      case FLOAT -> {
        if (token.isNumeric()) {
          float f = p.getFloatValue();
          return Float.isInfinite(f) ? outOfRange(p, path, type, problems) : f;
        }
      }
      case DOUBLE -> {
        if (token.isNumeric()) {
          double d = p.getDoubleValue();
          return Double.isInfinite(d) ? outOfRange(p, path, type, problems) : d;
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
          return TemporalRange.contains(instant) ? instant : outOfRange(p, path, type, problems);
        }
      }
      case TIMESTAMP_NTZ -> {
        LocalDateTime local =
            token == JsonToken.VALUE_STRING ? IsoTemporals.localDateTime(p.getText()) : null;
        if (local != null) {
          return local;
        }
      }
      case BINARY -> {
        if (token == JsonToken.VALUE_STRING) {
          try {
            return Base64.getDecoder().decode(p.getText());
          } catch (IllegalArgumentException e) {
            // reported as a wrong type below
          }
        }
      }
    }
    return NOT_READ;
  }

  /**
   * A JSON number as {@code decimal(p,s)}, read from its text, never through a double. It must be
   * exactly representable: more fraction digits than the scale would round (a wrong type, as 1.5 is
   * for an int), more integer digits than p - s do not fit (out of range). Trailing zeros past the
   * scale change nothing and are taken: 19.990 is 19.99.
   */
  /**
   * {@code value} as {@code type} without rounding, or null when it does not fit. Both checks come
   * before any setScale, which could build 10^999999999 for 1e-999999999.
   */
  public static BigDecimal fit(BigDecimal value, FieldType.Decimal type) {
    BigDecimal exact = stripped(value);
    return tooManyIntegerDigits(exact, type) || exact.scale() > type.scale()
        ? null
        : exact.setScale(type.scale());
  }

  private static BigDecimal stripped(BigDecimal value) {
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  private static boolean tooManyIntegerDigits(BigDecimal exact, FieldType.Decimal type) {
    // zero has no integer digit, though BigDecimal counts one: 0.0 fits decimal(1,1)
    return exact.signum() != 0
        && (long) exact.precision() - exact.scale() > type.precision() - type.scale();
  }

  static BigDecimal decimal(
      JsonParser p,
      String path,
      FieldType.Decimal type,
      DecimalRounding rounding,
      Problems problems)
      throws IOException {
    BigDecimal value;
    try {
      value = new BigDecimal(p.getText());
    } catch (NumberFormatException | ArithmeticException e) {
      // an exponent beyond an int's range
      return (BigDecimal) outOfRange(p, path, type, problems);
    }
    BigDecimal exact = stripped(value);
    if (rounding == DecimalRounding.HALF_EVEN && exact.scale() > type.scale()) {
      // below 10^-(s+1) it rounds to 0: said without setScale, which would divide 1e-999999999
      // by a billion-digit power of ten
      exact =
          (long) exact.precision() - exact.scale() <= -(type.scale() + 1L)
              ? BigDecimal.ZERO
              : stripped(exact.setScale(type.scale(), RoundingMode.HALF_EVEN));
    }
    if (tooManyIntegerDigits(exact, type)) {
      return (BigDecimal) outOfRange(p, path, type, problems);
    }
    if (exact.scale() > type.scale()) {
      problems.add(
          DecodeError.WRONG_TYPE,
          "field '"
              + path
              + "': expected "
              + type.typeName()
              + ", found number "
              + ValueReader.excerpt(p.getText())
              + " (more than "
              + type.scale()
              + " digits after the point)");
      return null;
    }
    return exact.setScale(type.scale());
  }

  /**
   * The text of a string field, unless it holds an unpaired surrogate ({@code "\\ud800"} is valid
   * JSON): Spark would store it as UTF-8 with a '?' in its place, changing the value silently.
   */
  private static String string(String text, String path, Problems problems) {
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
                  path, (int) c, i));
          return null;
        }
        i++;
      }
    }
    return text;
  }

  private static Object outOfRange(JsonParser p, String path, FieldType type, Problems problems)
      throws IOException {
    problems.add(
        DecodeError.OUT_OF_RANGE,
        "field '"
            + path
            + "': "
            + ValueReader.excerpt(p.getText())
            + " is out of range for "
            + type.typeName());
    return null;
  }
}
