package io.splitflow.tools.generate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;

/** The merge key of a reading. */
public record ReadingKey(String sensorId, LocalDate readingDate) {

  public ReadingKey {
    Objects.requireNonNull(sensorId, "sensorId");
    Objects.requireNonNull(readingDate, "readingDate");
  }

  /** The Kafka key: {@code sensor_id|reading_date}, so all readings of a key share a partition. */
  public byte[] kafkaKey() {
    return (sensorId + "|" + readingDate).getBytes(StandardCharsets.UTF_8);
  }
}
