package io.splitflow.deserialize.decode.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.Problems;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The readers of protobuf's scalar types: each takes its own type and the widenings that lose
 * nothing (an int32 as a long), plus the unsigned types into a signed one with a range check, and a
 * string holding yyyy-MM-dd as a date.
 */
final class ScalarReaders {

  /** A uint64's largest value has 20 digits. */
  static final int UINT64_DIGITS = 20;

  private static final ProtoReader SAME = (raw, path, problems) -> raw;

  private ScalarReaders() {}

  /** The reader of a {@code protoType} value as {@code type}, or null if it cannot be one. */
  static ProtoReader reader(FieldDescriptor.Type protoType, FieldType type) {
    return switch (protoType) {
      case STRING -> type == FieldType.STRING ? SAME : type == FieldType.DATE ? DATE : null;
      case BYTES -> type == FieldType.BINARY ? BINARY : null;
      case INT32, SINT32, SFIXED32 ->
          type == FieldType.INT ? SAME : type == FieldType.LONG ? INT_AS_LONG : null;
      case UINT32, FIXED32 ->
          type == FieldType.INT ? UINT32_AS_INT : type == FieldType.LONG ? UINT32_AS_LONG : null;
      case INT64, SINT64, SFIXED64 -> type == FieldType.LONG ? SAME : null;
      case UINT64, FIXED64 -> {
        if (type == FieldType.LONG) {
          yield UINT64_AS_LONG;
        }
        yield type instanceof FieldType.Decimal d && d.precision() - d.scale() >= UINT64_DIGITS
            ? (raw, path, problems) ->
                new BigDecimal(Long.toUnsignedString((Long) raw)).setScale(d.scale())
            : null;
      }
      case FLOAT -> type == FieldType.FLOAT ? SAME : null;
      case DOUBLE -> type == FieldType.DOUBLE ? SAME : null;
      case BOOL -> type == FieldType.BOOLEAN ? SAME : null;
      default -> null;
    };
  }

  private static final ProtoReader INT_AS_LONG =
      (raw, path, problems) -> ((Integer) raw).longValue();

  private static final ProtoReader UINT32_AS_LONG =
      (raw, path, problems) -> Integer.toUnsignedLong((Integer) raw);

  private static final ProtoReader UINT32_AS_INT =
      (raw, path, problems) -> {
        int n = (Integer) raw;
        return n < 0 ? outOfRange(path, Integer.toUnsignedString(n), FieldType.INT, problems) : n;
      };

  private static final ProtoReader UINT64_AS_LONG =
      (raw, path, problems) -> {
        long n = (Long) raw;
        return n < 0 ? outOfRange(path, Long.toUnsignedString(n), FieldType.LONG, problems) : n;
      };

  private static final ProtoReader BINARY =
      (raw, path, problems) -> ((ByteString) raw).toByteArray();

  private static final ProtoReader DATE =
      (raw, path, problems) -> {
        String text = (String) raw;
        if (text.length() == 10) {
          try {
            // ISO_LOCAL_DATE is strict, and 10 characters leave it no room for a signed year
            return LocalDate.parse(text);
          } catch (DateTimeException e) {
            // reported below
          }
        }
        problems.add(
            DecodeError.WRONG_TYPE,
            "field '"
                + path
                + "': expected an ISO-8601 date (yyyy-MM-dd), found string \""
                + ValuePath.excerpt(text)
                + "\"");
        return null;
      };

  static Object outOfRange(ValuePath path, String number, FieldType type, Problems problems) {
    problems.add(
        DecodeError.OUT_OF_RANGE,
        "field '" + path + "': " + number + " is out of range for " + type.typeName());
    return null;
  }
}
