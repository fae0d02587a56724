package io.splitflow.tools.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Emits {@link GeneratorSettings#records()} sensor readings, a share of them broken, duplicated or
 * late, and fills an {@link Expectation} as it goes. The same settings give the same bytes.
 */
public final class SensorGenerator implements Iterator<Message> {

  /** Re-deliveries repeat one of the last this-many VALID messages; bounded to keep memory flat. */
  private static final int REDELIVERY_WINDOW = 4_096;

  /**
   * The clock starts at 06:00 on a reading's date, so event times fall on that date for ~20M
   * records.
   */
  private static final long CLOCK_START_MILLIS = 6L * 3_600_000L;

  private static final long MAX_LATENESS_MILLIS = 60_000L;

  private final GeneratorSettings settings;
  private final Random random;
  private final Expectation expectation = new Expectation();
  private final List<ReadingKey> keysWithReadings = new ArrayList<>();
  private final Message[] recentValid = new Message[REDELIVERY_WINDOW];
  private final Reading[] recentValidReadings = new Reading[REDELIVERY_WINDOW];
  private long validEmitted;
  private long emitted;
  private long clockMillis = CLOCK_START_MILLIS;
  private final int[] shapeTurns = new int[MessageKind.values().length];

  public SensorGenerator(GeneratorSettings settings) {
    this.settings = settings;
    this.random = new Random(settings.seed());
  }

  public GeneratorSettings settings() {
    return settings;
  }

  /** What has been emitted so far; complete once the iterator is exhausted. */
  public Expectation expectation() {
    return expectation;
  }

  @Override
  public boolean hasNext() {
    return emitted < settings.records();
  }

  @Override
  public Message next() {
    if (!hasNext()) {
      throw new NoSuchElementException("all " + settings.records() + " records emitted");
    }
    emitted++;
    // one global clock that only moves forward: every new VALID reading of a key is newer than the
    // last
    clockMillis += 1 + random.nextInt(5);
    MessageKind kind = pickKind();
    if ((kind == MessageKind.DUPLICATE || kind == MessageKind.LATE) && keysWithReadings.isEmpty()) {
      kind = MessageKind.VALID;
    }
    return switch (kind) {
      case VALID -> valid();
      case DUPLICATE -> duplicate();
      case LATE -> late();
      case MALFORMED, MISSING_FIELD, WRONG_TYPE -> invalid(kind);
    };
  }

  private MessageKind pickKind() {
    double u = random.nextDouble();
    double[] shares = {
      settings.malformedShare(),
      settings.missingFieldShare(),
      settings.wrongTypeShare(),
      settings.duplicateShare(),
      settings.lateShare()
    };
    MessageKind[] kinds = {
      MessageKind.MALFORMED,
      MessageKind.MISSING_FIELD,
      MessageKind.WRONG_TYPE,
      MessageKind.DUPLICATE,
      MessageKind.LATE
    };
    double upTo = 0;
    for (int i = 0; i < shares.length; i++) {
      upTo += shares[i];
      if (u < upTo) {
        return kinds[i];
      }
    }
    return MessageKind.VALID;
  }

  private Message valid() {
    ReadingKey key = randomKey();
    Double value = random.nextDouble() < 0.02 ? null : randomValue(key.sensorId());
    String unit = random.nextDouble() < 0.02 ? null : unitOf(key.sensorId());
    Reading reading =
        new Reading(key.sensorId(), key.readingDate(), value, unit, eventTime(key.readingDate()));
    if (expectation.latest(key) == null) {
      keysWithReadings.add(key);
    }
    Message message = new Message(key.kafkaKey(), Payloads.valid(reading), MessageKind.VALID);
    int slot = (int) (validEmitted++ % REDELIVERY_WINDOW);
    recentValid[slot] = message;
    recentValidReadings[slot] = reading;
    expectation.record(MessageKind.VALID, reading);
    return message;
  }

  private Message duplicate() {
    int slot = random.nextInt((int) Math.min(validEmitted, REDELIVERY_WINDOW));
    Message original = recentValid[slot];
    expectation.record(MessageKind.DUPLICATE, recentValidReadings[slot]);
    return new Message(original.key(), original.value(), MessageKind.DUPLICATE);
  }

  private Message late() {
    ReadingKey key = keysWithReadings.get(random.nextInt(keysWithReadings.size()));
    Reading newest = expectation.latest(key);
    Instant older =
        newest.eventTime().minusMillis(1 + (long) random.nextInt((int) MAX_LATENESS_MILLIS));
    double value = randomValue(key.sensorId());
    if (newest.value() != null && newest.value() == value) {
      value = round(value + 0.1); // a late reading must differ, or a wrong merge would go unnoticed
    }
    Reading reading =
        new Reading(key.sensorId(), key.readingDate(), value, unitOf(key.sensorId()), older);
    expectation.record(MessageKind.LATE, reading);
    return new Message(key.kafkaKey(), Payloads.valid(reading), MessageKind.LATE);
  }

  /** Built from a plausible reading whose key becomes the message key; shapes rotate per kind. */
  private Message invalid(MessageKind kind) {
    ReadingKey key = randomKey();
    Reading base =
        new Reading(
            key.sensorId(),
            key.readingDate(),
            randomValue(key.sensorId()),
            unitOf(key.sensorId()),
            eventTime(key.readingDate()));
    byte[] value =
        switch (kind) {
          case MALFORMED -> Payloads.malformed(turn(kind, Payloads.MALFORMED_SHAPES), base);
          case MISSING_FIELD ->
              Payloads.missingField(turn(kind, Payloads.MISSING_FIELD_SHAPES), base);
          case WRONG_TYPE -> Payloads.wrongType(turn(kind, Payloads.WRONG_TYPE_SHAPES), base);
          default -> throw new IllegalArgumentException("not an invalid kind: " + kind);
        };
    expectation.record(kind, null);
    return new Message(key.kafkaKey(), value, kind);
  }

  private int turn(MessageKind kind, int shapes) {
    return shapeTurns[kind.ordinal()]++ % shapes;
  }

  private ReadingKey randomKey() {
    String sensorId = String.format("sensor-%05d", 1 + random.nextInt(settings.sensors()));
    LocalDate date = settings.firstDay().plusDays(random.nextInt(settings.days()));
    return new ReadingKey(sensorId, date);
  }

  private Instant eventTime(LocalDate readingDate) {
    return readingDate.atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(clockMillis);
  }

  // three kinds of sensor, told apart by number, so values and units look like real ones
  private static String unitOf(String sensorId) {
    return switch (sensorNumber(sensorId) % 3) {
      case 0 -> "C";
      case 1 -> "%RH";
      default -> "hPa";
    };
  }

  private double randomValue(String sensorId) {
    return switch (sensorNumber(sensorId) % 3) {
      case 0 -> round(-10 + random.nextDouble() * 45);
      case 1 -> round(20 + random.nextDouble() * 70);
      default -> round(970 + random.nextDouble() * 70);
    };
  }

  private static int sensorNumber(String sensorId) {
    return Integer.parseInt(sensorId.substring(sensorId.indexOf('-') + 1));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
