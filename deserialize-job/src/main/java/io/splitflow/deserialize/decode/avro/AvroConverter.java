package io.splitflow.deserialize.decode.avro;

import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.Problems;
import io.splitflow.deserialize.decode.TemporalRange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.RowFactory;

/**
 * Turns a datum of Avro's generic representation into the value Spark takes for its column: a Row
 * for a struct, a List for an array, a TreeMap (sorted keys, as the JSON decoder stores maps) for a
 * map, and the scalars the JSON decoder gives. A tree of converters is built once per field from
 * the reader schema and the column type ({@link AvroConverters}), so a value costs no lookup.
 *
 * <p>{@link #convert} takes a datum that is not null. A value that does not fit its column (a date
 * beyond {@link TemporalRange}, a decimal with too many digits) is added to the problems, naming
 * its path ({@code items[2].price}), and converts to null. Converters that cannot fail are given no
 * path, so that building one costs nothing for them.
 */
sealed interface AvroConverter {

  int MAX_QUOTED = 60;

  Object convert(Object datum, String path, Problems problems);

  /** Whether {@link #convert} can report a problem, and so needs the path. */
  boolean canFail();

  /** The scalars: how the datum Avro gives becomes the column's Java value. */
  enum Scalar implements AvroConverter {
    /** A Utf8, or a String if the schema asks for avro.java.string. */
    STRING,
    /** int, long, float, double and boolean: Avro's boxed value is Spark's. */
    SAME,
    ENUM,
    /** Branches of a union of int and long, widened to long. */
    TO_LONG,
    /** Branches of a union of float and double, widened to double. */
    TO_DOUBLE,
    BYTES,
    FIXED,
    DATE,
    TIMESTAMP_MILLIS,
    TIMESTAMP_MICROS,
    TIMESTAMP_NANOS,
    LOCAL_TIMESTAMP_MILLIS,
    LOCAL_TIMESTAMP_MICROS,
    LOCAL_TIMESTAMP_NANOS;

    @Override
    public boolean canFail() {
      return ordinal() >= DATE.ordinal();
    }

    @Override
    public Object convert(Object datum, String path, Problems problems) {
      return switch (this) {
        case STRING, ENUM -> datum.toString();
        case SAME -> datum;
        case TO_LONG -> ((Number) datum).longValue();
        case TO_DOUBLE -> ((Number) datum).doubleValue();
        // copies: Avro reuses a fixed's array, and may a buffer's, for the next value
        case BYTES -> bytes((ByteBuffer) datum);
        case FIXED -> ((GenericFixed) datum).bytes().clone();
        case DATE -> {
          int days = (Integer) datum;
          yield TemporalRange.containsEpochDay(days)
              ? LocalDate.ofEpochDay(days)
              : outOfRange(datum, path, problems);
        }
        default -> {
          Instant instant = instant((Long) datum);
          if (!TemporalRange.contains(instant)) {
            yield outOfRange(datum, path, problems);
          }
          yield ordinal() >= LOCAL_TIMESTAMP_MILLIS.ordinal()
              ? LocalDateTime.ofEpochSecond(
                  instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC)
              : instant;
        }
      };
    }

    private Instant instant(long n) {
      return switch (this) {
        case TIMESTAMP_MILLIS, LOCAL_TIMESTAMP_MILLIS -> Instant.ofEpochMilli(n);
        case TIMESTAMP_MICROS, LOCAL_TIMESTAMP_MICROS ->
            Instant.ofEpochSecond(
                Math.floorDiv(n, 1_000_000), Math.floorMod(n, 1_000_000) * 1_000L);
        default ->
            Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000), Math.floorMod(n, 1_000_000_000));
      };
    }

    private Object outOfRange(Object datum, String path, Problems problems) {
      String unit =
          switch (this) {
            case DATE -> " days";
            case TIMESTAMP_MILLIS, LOCAL_TIMESTAMP_MILLIS -> " ms";
            case TIMESTAMP_MICROS, LOCAL_TIMESTAMP_MICROS -> " us";
            default -> " ns";
          };
      String type =
          this == DATE
              ? "date"
              : ordinal() >= LOCAL_TIMESTAMP_MILLIS.ordinal() ? "timestamp_ntz" : "timestamp";
      problems.add(
          DecodeError.OUT_OF_RANGE,
          "field '"
              + path
              + "': "
              + datum
              + unit
              + " is out of range for "
              + type
              + " ("
              + TemporalRange.YEARS
              + ")");
      return null;
    }
  }

  /** Input text for a message, cut short as the JSON decoder cuts it. */
  private static String excerpt(String text) {
    if (text.length() <= MAX_QUOTED) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
    return text.substring(0, end) + "...";
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  /**
   * The decimal logical type, on bytes or fixed: the two's-complement unscaled value at the
   * schema's scale, which is the column's. More digits than the precision do not fit the column
   * (OUT_OF_RANGE, as in JSON); no bytes at all are not a number (WRONG_TYPE).
   */
  record Decimal(FieldType.Decimal type, boolean fixed) implements AvroConverter {
    @Override
    public Object convert(Object datum, String path, Problems problems) {
      byte[] bytes = fixed ? ((GenericFixed) datum).bytes() : bytes((ByteBuffer) datum);
      if (bytes.length == 0) {
        problems.add(
            DecodeError.WRONG_TYPE,
            "field '" + path + "': expected " + type.typeName() + ", found 0 bytes");
        return null;
      }
      BigDecimal value = new BigDecimal(new BigInteger(bytes), type.scale());
      if (value.precision() > type.precision()) {
        String text = value.toPlainString();
        problems.add(
            DecodeError.OUT_OF_RANGE,
            "field '" + path + "': " + excerpt(text) + " is out of range for " + type.typeName());
        return null;
      }
      return value;
    }

    @Override
    public boolean canFail() {
      return true;
    }
  }

  /** A record as a struct of its fields, read by their positions in the reader schema. */
  record Record(String[] names, int[] positions, AvroConverter[] fields, boolean canFail)
      implements AvroConverter {
    @Override
    public Object convert(Object datum, String path, Problems problems) {
      GenericRecord record = (GenericRecord) datum;
      Object[] values = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        Object value = record.get(positions[i]);
        if (value != null) {
          String nested = fields[i].canFail() ? path + "." + names[i] : null;
          values[i] = fields[i].convert(value, nested, problems);
        }
      }
      return RowFactory.create(values);
    }
  }

  /** An array; an element may be null. */
  record Array(AvroConverter element) implements AvroConverter {
    @Override
    public Object convert(Object datum, String path, Problems problems) {
      List<?> items = (List<?>) datum;
      List<Object> values = new ArrayList<>(items.size());
      for (Object item : items) {
        String nested = element.canFail() ? path + "[" + values.size() + "]" : null;
        values.add(item == null ? null : element.convert(item, nested, problems));
      }
      return values;
    }

    @Override
    public boolean canFail() {
      return element.canFail();
    }
  }

  /**
   * A map, with its keys sorted as the JSON decoder sorts them, so gold's change detection sees the
   * same value whatever order the producer wrote.
   */
  record Map(AvroConverter value) implements AvroConverter {
    @Override
    public Object convert(Object datum, String path, Problems problems) {
      java.util.Map<String, Object> values = new TreeMap<>();
      for (java.util.Map.Entry<?, ?> entry : ((java.util.Map<?, ?>) datum).entrySet()) {
        String key = entry.getKey().toString();
        Object item = entry.getValue();
        String nested = value.canFail() ? path + "[\"" + excerpt(key) + "\"]" : null;
        values.put(key, item == null ? null : value.convert(item, nested, problems));
      }
      return values;
    }

    @Override
    public boolean canFail() {
      return value.canFail();
    }
  }

  /**
   * A union of several types as a struct with one member per branch but null, as Spark's {@code
   * from_avro} reads it: the member of the datum's branch is set, the others are null.
   */
  record Union(Branch[] branches, String[] names, AvroConverter[] members, boolean canFail)
      implements AvroConverter {
    @Override
    public Object convert(Object datum, String path, Problems problems) {
      Object[] values = new Object[members.length];
      for (int i = 0; i < members.length; i++) {
        if (branches[i].holds(datum)) {
          String nested = members[i].canFail() ? path + "." + names[i] : null;
          values[i] = members[i].convert(datum, nested, problems);
          return RowFactory.create(values);
        }
      }
      // GenericDatumReader gives only values of the union's branches
      throw new IllegalStateException(
          "field '" + path + "': " + datum.getClass().getName() + " is in no branch of the union");
    }
  }

  /** Which branch of a union a datum came from: by its Java class, and its name if named. */
  record Branch(Class<?> type, String fullName) {
    boolean holds(Object datum) {
      if (!type.isInstance(datum)) {
        return false;
      }
      if (fullName == null) {
        return true;
      }
      Object schema =
          datum instanceof GenericRecord r
              ? r.getSchema()
              : datum instanceof GenericEnumSymbol<?> e
                  ? e.getSchema()
                  : ((GenericFixed) datum).getSchema();
      return fullName.equals(((org.apache.avro.Schema) schema).getFullName());
    }
  }
}
