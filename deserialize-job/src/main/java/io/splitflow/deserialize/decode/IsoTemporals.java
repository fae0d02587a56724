package io.splitflow.deserialize.decode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;

/**
 * Parses ISO-8601 dates and timestamps, giving null rather than throwing for text that is not one.
 */
final class IsoTemporals {

  // ISO-8601 date-time, the offset optional; without one the zone override makes it UTC
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter LOCAL_DATE_TIME =
      DateTimeFormatter.ISO_LOCAL_DATE_TIME
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private IsoTemporals() {}

  /**
   * A date-time without offset ({@code 2026-11-27T08:15:30.5}), for timestamp_ntz; its year written
   * in four digits, as dates are, which keeps it within {@link TemporalRange}.
   */
  static LocalDateTime localDateTime(String text) {
    if (text.length() < 16 || text.charAt(4) != '-') {
      return null;
    }
    try {
      return LocalDateTime.parse(text, LOCAL_DATE_TIME);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * A date written exactly yyyy-MM-dd; by hand, as ISO_LOCAL_DATE also takes signed years past
   * 9999.
   */
  static LocalDate date(String text) {
    return text.length() == 10 ? date(text, 0) : null;
  }

  /**
   * A date-time with an offset or Z, or without one taken as UTC. The common shapes are parsed by
   * hand, several times faster than the formatter, which still decides about everything else, so
   * both accept the same text.
   */
  static Instant timestamp(String text) {
    Instant instant = commonTimestamp(text);
    return instant != null ? instant : formattedTimestamp(text);
  }

  static Instant formattedTimestamp(String text) {
    try {
      return TIMESTAMP.parse(text, Instant::from);
    } catch (DateTimeException e) {
      return null;
    }
  }

  // yyyy-MM-ddTHH:mm:ss, optionally .S to .SSSSSSSSS, then nothing, Z or ±HH:MM
  private static Instant commonTimestamp(String text) {
    int length = text.length();
    if (length < 19 || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    LocalDate date = date(text, 0);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if (date == null
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (at < length && text.charAt(at) == '.') {
      int end = at + 1;
      while (end < length && end - at <= 9 && isDigit(text.charAt(end))) {
        end++;
      }
      if (end == at + 1) {
        return null;
      }
      nanos = digits(text, at + 1, end);
      for (int scale = end - at - 1; scale < 9; scale++) {
        nanos *= 10;
      }
      at = end;
    }
    int offsetSeconds = offsetSeconds(text, at);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return null;
    }
    long epochSecond =
        date.toEpochDay() * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /**
   * Seconds east of UTC for nothing, Z or ±HH:MM up to 18:00 at {@code at}; MIN_VALUE for anything
   * else.
   */
  private static int offsetSeconds(String text, int at) {
    int rest = text.length() - at;
    if (rest == 0 || (rest == 1 && text.charAt(at) == 'Z')) {
      return 0;
    }
    char sign = rest == 6 ? text.charAt(at) : ' ';
    if ((sign != '+' && sign != '-') || text.charAt(at + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    int hours = digits(text, at + 1, at + 3);
    int minutes = digits(text, at + 4, at + 6);
    if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3_600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  private static LocalDate date(String text, int at) {
    if (text.charAt(at + 4) != '-' || text.charAt(at + 7) != '-') {
      return null;
    }
    int year = digits(text, at, at + 4);
    int month = digits(text, at + 5, at + 7);
    int day = digits(text, at + 8, at + 10);
    if (year < 0 || month < 0 || day < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The non-negative number written in ASCII digits from {@code from} to {@code to}, or -1. */
  private static int digits(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  // Character.isDigit would also take digits of other scripts
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
