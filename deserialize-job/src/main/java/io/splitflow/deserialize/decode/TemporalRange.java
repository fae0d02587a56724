package io.splitflow.deserialize.decode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The dates and timestamps a bronze column takes: the years 0000 to 9999 (UTC), the years {@code
 * yyyy-MM-dd} can write. Beyond them Spark fails rather than stores: a timestamp past about the
 * year 294,000 overflows its microseconds and fails the whole task, and a date millions of years
 * out cannot be read back as a {@code java.sql.Date}. So a decoder that produces such a value
 * reports it as OUT_OF_RANGE instead of handing it to Spark.
 */
public final class TemporalRange {
  public static final String YEARS = "0000-01-01 to 9999-12-31";

  private static final long MIN_DAY = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
  private static final long MIN_SECOND = MIN_DAY * 86_400;
  private static final long END_SECOND = (MAX_DAY + 1) * 86_400;

  private TemporalRange() {}

  public static boolean containsEpochDay(long day) {
    return day >= MIN_DAY && day <= MAX_DAY;
  }

  public static boolean contains(Instant instant) {
    long second = instant.getEpochSecond();
    return second >= MIN_SECOND && second < END_SECOND;
  }
}
