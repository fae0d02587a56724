package io.splitflow.deserialize.decode.debezium;

import io.splitflow.common.schema.FieldType;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Debezium's numeric encodings of dates and timestamps: a date as days since 1970-01-01 ({@code
 * io.debezium.time.Date}), a timestamp as epoch milliseconds ({@code io.debezium.time.Timestamp})
 * or, when its magnitude exceeds 10^14, epoch microseconds ({@code
 * io.debezium.time.MicroTimestamp}). 10^14 ms is the year 5138, while 10^14 µs is only 1973-03-03:
 * microsecond values between 1966-10-31 and 1973-03-03 read as milliseconds, and nanoseconds
 * ({@code NanoTimestamp}) are not recognised. Without a schema to consult the magnitude is all
 * there is; {@code time.precision.mode=connect} on the connector gives milliseconds throughout.
 */
final class NumericTemporals {

  static final long MICROS_ABOVE = 100_000_000_000_000L;

  // the dates the JSON decoder takes as yyyy-MM-dd
  private static final long MIN_DAY = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  private NumericTemporals() {}

  /** The date {@code days} after 1970-01-01, or null beyond the years 0000 to 9999. */
  static LocalDate date(long days) {
    return days < MIN_DAY || days > MAX_DAY ? null : LocalDate.ofEpochDay(days);
  }

  /** Epoch milliseconds, or microseconds when the magnitude exceeds 10^14. */
  static Instant timestamp(long epoch) {
    if (epoch > MICROS_ABOVE || epoch < -MICROS_ABOVE) {
      return Instant.ofEpochSecond(
          Math.floorDiv(epoch, 1_000_000L), Math.floorMod(epoch, 1_000_000L) * 1_000L);
    }
    return Instant.ofEpochMilli(epoch);
  }

  /** What a temporal field takes, for messages. */
  static String expected(FieldType type) {
    return type == FieldType.DATE
        ? "an ISO-8601 date (yyyy-MM-dd) or an integer count of days since 1970-01-01"
        : "an ISO-8601 timestamp or integer epoch milliseconds (microseconds above 10^14)";
  }
}
