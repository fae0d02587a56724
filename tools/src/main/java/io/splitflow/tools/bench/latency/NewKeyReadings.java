package io.splitflow.tools.bench.latency;

import io.splitflow.tools.generate.Message;
import io.splitflow.tools.generate.MessageKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Locale;

/**
 * Valid JSON readings without end, each of a sensor no record before it had ({@code <prefix>-n}),
 * so that every record reaches gold as a row of its own and can be found there by its key.
 */
public final class NewKeyReadings implements Iterator<Message> {
  private static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final String prefix;
  private final LocalDate day;
  private long next;

  public NewKeyReadings(String prefix, LocalDate day) {
    this.prefix = prefix;
    this.day = day;
  }

  public static String sensor(String prefix, long n) {
    return String.format(Locale.ROOT, "%s-%09d", prefix, n);
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Message next() {
    String sensor = sensor(prefix, next);
    String value =
        "{\"sensor_id\":\""
            + sensor
            + "\",\"reading_date\":\""
            + day
            + "\",\"value\":"
            + (next % 400) / 10.0
            + ",\"unit\":\"C\",\"event_time\":\""
            + EVENT_TIME.format(Instant.now())
            + "\"}";
    next++;
    return new Message(
        (sensor + "|" + day).getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8),
        MessageKind.VALID);
  }
}
