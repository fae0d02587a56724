package io.splitflow.tools.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** One sensor reading as the pipeline should see it after decoding; value and unit may be null. */
public record Reading(
    String sensorId, LocalDate readingDate, Double value, String unit, Instant eventTime) {

  public Reading {
    Objects.requireNonNull(sensorId, "sensorId");
    Objects.requireNonNull(readingDate, "readingDate");
    Objects.requireNonNull(eventTime, "eventTime");
  }

  public ReadingKey key() {
    return new ReadingKey(sensorId, readingDate);
  }
}
