package io.splitflow.tools.bench.merge;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.unix_date;

import java.time.LocalDate;
import org.apache.spark.sql.Column;

/**
 * Where the bench's sensor readings sit: gold row {@code n} is sensor {@code n % sensorsPerDay} on
 * the day {@code n / sensorsPerDay} days before the newest, so gold of N rows has N / sensorsPerDay
 * daily partitions. A batch updates the newest days and inserts the days after them, so the
 * partitions it touches grow with the batch and not with gold.
 *
 * <p>Updates take every other sensor of a day: a rewritten file then holds unchanged rows too,
 * which is what Delta's rows-copied metric counts.
 */
public record SensorGrid(long sensorsPerDay, LocalDate newestDay) {
  public static final long SENSORS_PER_DAY = 10_000;
  public static final LocalDate NEWEST_DAY = LocalDate.of(2026, 1, 1);

  public SensorGrid {
    if (sensorsPerDay < 2 || sensorsPerDay % 2 != 0) {
      throw new IllegalArgumentException("sensors per day must be even and at least 2");
    }
  }

  public static SensorGrid standard() {
    return new SensorGrid(SENSORS_PER_DAY, NEWEST_DAY);
  }

  /** Updated sensors per day: every other one. */
  public long updatesPerDay() {
    return sensorsPerDay / 2;
  }

  /** Gold's days a batch with this many updates touches (the newest ones). */
  public long daysUpdated(long updates) {
    return ceilDiv(updates, updatesPerDay());
  }

  /** New days a batch with this many inserts fills, after gold's newest. */
  public long daysInserted(long inserts) {
    return ceilDiv(inserts, sensorsPerDay);
  }

  public long goldDays(long goldRows) {
    return ceilDiv(goldRows, sensorsPerDay);
  }

  Column sensorId(Column sensor) {
    return concat(lit("sensor-"), sensor.cast("string"));
  }

  Column daysBefore(Column days) {
    return date_sub(lit(newestDay), days.cast("int"));
  }

  Column daysAfter(Column days) {
    return date_add(lit(newestDay), days.cast("int"));
  }

  /** A reading's time: {@code hour} o'clock of its day. */
  static Column at(Column day, int hour) {
    return timestamp_seconds(unix_date(day).cast("long").multiply(86_400).plus(hour * 3_600L));
  }

  /** The value gold row {@code n} holds; an update adds one to it. */
  static Column value(Column n) {
    return n.mod(997).multiply(0.1);
  }

  static Column quotient(Column n, long divisor) {
    return n.minus(n.mod(divisor)).divide(divisor).cast("long");
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
