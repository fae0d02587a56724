package io.splitflow.deserialize.decode.avro;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.TemporalRange;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.Schema;

/**
 * How a decoded Avro datum becomes the Java value of its column. Logical types are converted here
 * rather than by Avro's conversions, which would cost a lookup per value. Local timestamps are
 * taken as UTC, as JSON timestamps without an offset are.
 */
public enum AvroValue {
  STRING(FieldType.STRING),
  INT(FieldType.INT),
  LONG(FieldType.LONG),
  FLOAT(FieldType.FLOAT),
  DOUBLE(FieldType.DOUBLE),
  BOOLEAN(FieldType.BOOLEAN),
  DATE(FieldType.DATE),
  TIMESTAMP_MILLIS(FieldType.TIMESTAMP),
  TIMESTAMP_MICROS(FieldType.TIMESTAMP),
  TIMESTAMP_NANOS(FieldType.TIMESTAMP);

  private final FieldType.Scalar type;

  AvroValue(FieldType.Scalar type) {
    this.type = type;
  }

  public FieldType.Scalar type() {
    return type;
  }

  /** The conversion for a field; IllegalArgumentException if its type is not supported. */
  public static AvroValue of(Schema.Field field) {
    return switch (AvroFieldMapping.scalarType(field)) {
      case STRING -> STRING;
      case INT -> INT;
      case LONG -> LONG;
      case FLOAT -> FLOAT;
      case DOUBLE -> DOUBLE;
      case BOOLEAN -> BOOLEAN;
      case DATE -> DATE;
      case TIMESTAMP -> {
        String logical = AvroFieldMapping.valueSchema(field).getLogicalType().getName();
        yield logical.endsWith("millis")
            ? TIMESTAMP_MILLIS
            : logical.endsWith("micros") ? TIMESTAMP_MICROS : TIMESTAMP_NANOS;
      }
      // AvroFieldMapping derives none of these from an Avro schema
      case SHORT, BYTE, BINARY, TIMESTAMP_NTZ ->
          throw new IllegalStateException("no Avro type maps to " + field.name());
    };
  }

  /**
   * The column value of a datum that is not null, or null if it is out of the column's range (dates
   * and timestamps beyond {@link TemporalRange}).
   */
  public Object convert(Object datum) {
    return switch (this) {
      // a Utf8, or a String if the schema asks for avro.java.string
      case STRING -> datum.toString();
      case INT, LONG, FLOAT, DOUBLE, BOOLEAN -> datum;
      case DATE -> {
        int days = (Integer) datum;
        yield TemporalRange.containsEpochDay(days) ? LocalDate.ofEpochDay(days) : null;
      }
      case TIMESTAMP_MILLIS -> {
        long millis = (Long) datum;
        yield inRange(Instant.ofEpochMilli(millis));
      }
      case TIMESTAMP_MICROS -> {
        long micros = (Long) datum;
        yield inRange(
            Instant.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L));
      }
      case TIMESTAMP_NANOS -> {
        long nanos = (Long) datum;
        yield inRange(
            Instant.ofEpochSecond(
                Math.floorDiv(nanos, 1_000_000_000), Math.floorMod(nanos, 1_000_000_000)));
      }
    };
  }

  /** A datum as a message names it: the number and its unit. */
  public String describe(Object datum) {
    return datum
        + switch (this) {
          case DATE -> " days";
          case TIMESTAMP_MILLIS -> " ms";
          case TIMESTAMP_MICROS -> " us";
          case TIMESTAMP_NANOS -> " ns";
          default -> "";
        };
  }

  private static Instant inRange(Instant instant) {
    return TemporalRange.contains(instant) ? instant : null;
  }
}
