package io.splitflow.tools.generate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders message values. Built by hand rather than with Jackson: every string is generated (no
 * escaping needed) and the broken shapes cannot be written by a JSON library anyway.
 */
final class Payloads {

  /** ISO-8601 in UTC with exactly three fraction digits; Instant.toString drops zero millis. */
  static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu");

  static final int MALFORMED_SHAPES = 5;
  static final int MISSING_FIELD_SHAPES = 3;
  static final int WRONG_TYPE_SHAPES = 3;

  private Payloads() {}

  static byte[] valid(Reading r) {
    return bytes(
        object(
            quoted(r.sensorId()),
            quoted(r.readingDate().toString()),
            number(r.value()),
            quotedOrNull(r.unit()),
            quoted(eventTime(r.eventTime())),
            -1));
  }

  /** Broken JSON; shape picks one of {@link #MALFORMED_SHAPES} forms. */
  static byte[] malformed(int shape, Reading r) {
    String whole = new String(valid(r), StandardCharsets.UTF_8);
    String text =
        switch (shape) {
          case 0 -> whole.substring(0, whole.length() / 2); // truncated object
          case 1 ->
              r.sensorId() + " " + r.readingDate() + " " + r.value() + " " + r.unit(); // plain text
          case 2 -> "{\"sensor_id\":"; // cut right after the first name
          case 3 -> whole.substring(0, whole.length() - 1) + ",}"; // trailing comma
          case 4 -> "[" + whole + "]"; // an array, not an object
          default -> throw new IllegalArgumentException("no malformed shape " + shape);
        };
    return bytes(text);
  }

  /** A well-formed object without sensor_id (0), reading_date (1) or event_time (2). */
  static byte[] missingField(int shape, Reading r) {
    int omitted =
        switch (shape) {
          case 0 -> 0;
          case 1 -> 1;
          case 2 -> 4;
          default -> throw new IllegalArgumentException("no missing-field shape " + shape);
        };
    return bytes(
        object(
            quoted(r.sensorId()),
            quoted(r.readingDate().toString()),
            number(r.value()),
            quotedOrNull(r.unit()),
            quoted(eventTime(r.eventTime())),
            omitted));
  }

  /** value as text (0), reading_date day-first (1), or sensor_id as a number (2). */
  static byte[] wrongType(int shape, Reading r) {
    String sensor = quoted(r.sensorId());
    String date = quoted(r.readingDate().toString());
    String value = r.value() == null ? "0.0" : number(r.value());
    switch (shape) {
      case 0 -> value = quoted("abc");
      case 1 -> date = quoted(DAY_FIRST.format(r.readingDate()));
      case 2 ->
          sensor =
              Long.toString(
                  Long.parseLong(
                      r.sensorId().replaceAll("\\D", ""))); // no leading zeros: those are not JSON
      default -> throw new IllegalArgumentException("no wrong-type shape " + shape);
    }
    return bytes(
        object(sensor, date, value, quotedOrNull(r.unit()), quoted(eventTime(r.eventTime())), -1));
  }

  static String eventTime(Instant instant) {
    return EVENT_TIME.format(instant);
  }

  private static String object(
      String sensor, String date, String value, String unit, String time, int omitted) {
    String[] names = {"sensor_id", "reading_date", "value", "unit", "event_time"};
    String[] values = {sensor, date, value, unit, time};
    StringBuilder json = new StringBuilder(128).append('{');
    for (int i = 0; i < names.length; i++) {
      if (i == omitted) {
        continue;
      }
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('"').append(names[i]).append("\":").append(values[i]);
    }
    return json.append('}').toString();
  }

  private static String quoted(String s) {
    return '"' + s + '"';
  }

  private static String quotedOrNull(String s) {
    return s == null ? "null" : quoted(s);
  }

  private static String number(Double d) {
    // Double.toString round-trips exactly, so the decoded value equals the expected one
    return d == null ? "null" : Double.toString(d);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
