package io.splitflow.deserialize.decode;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A rough throughput check, run by hand: {@code java -cp ... JsonRecordDecoderThroughput}. Not a
 * test, as timings depend on the machine; it prints records per second for typical ~150-byte
 * records.
 */
public final class JsonRecordDecoderThroughput {

  private static final int RECORDS = 1_000_000;
  private static final int DISTINCT = 1_024;

  private JsonRecordDecoderThroughput() {}

  public static void main(String[] args) {
    byte[][] values = new byte[DISTINCT][];
    long totalBytes = 0;
    for (int i = 0; i < DISTINCT; i++) {
      values[i] =
          String.format(
                  "{\"sensor_id\":\"s-%05d\",\"reading_date\":\"%s\",\"read_at\":\"%s\","
                      + "\"value\":%d.5,\"ratio\":0.%d,\"n\":%d,\"seq\":%d,\"active\":%b}",
                  i,
                  LocalDate.of(2026, 1, 1).plusDays(i % 365),
                  Instant.parse("2026-11-27T08:15:30.123Z").plusSeconds(i),
                  i % 100,
                  i,
                  i,
                  9_876_543_210L + i,
                  i % 2 == 0)
              .getBytes(UTF_8);
      totalBytes += values[i].length;
    }
    System.out.printf("average record size: %d bytes%n", totalBytes / DISTINCT);

    JsonRecordDecoder decoder = Records.decoder();
    for (int round = 1; round <= 3; round++) {
      long failures = 0;
      long start = System.nanoTime();
      for (int i = 0; i < RECORDS; i++) {
        if (!decoder.decode(values[i % DISTINCT]).ok()) {
          failures++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "round %d: %,.0f records/s (%d failures)%n", round, RECORDS / seconds, failures);
    }
  }
}
