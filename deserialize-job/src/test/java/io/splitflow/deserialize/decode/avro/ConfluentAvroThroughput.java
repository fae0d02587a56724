package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING_FIELDS;

import io.splitflow.deserialize.decode.registry.CachingSchemaRegistry;
import io.splitflow.deserialize.decode.registry.DirectorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A rough throughput check, run by hand: {@code java -cp ... ConfluentAvroThroughput}. Not a test,
 * as timings depend on the machine; it prints records per second for ~100-byte Confluent-framed
 * Avro readings.
 */
public final class ConfluentAvroThroughput {

  private static final int RECORDS = 2_000_000;
  private static final int DISTINCT = 1_024;

  private ConfluentAvroThroughput() {}

  public static void main(String[] args) throws IOException {
    Path schemas = Files.createTempDirectory("splitflow-schemas");
    Files.writeString(schemas.resolve("1.avsc"), READING.toString());
    byte[][] values = new byte[DISTINCT][];
    long totalBytes = 0;
    for (int i = 0; i < DISTINCT; i++) {
      values[i] =
          AvroTestData.confluent(
              1,
              AvroTestData.minimalReading()
                  .set(
                      "sensor_id",
                      String.format(
                          "sensor-%05d-north-wing-building-%03d-room-%03d-east-corridor",
                          i, i % 97, i % 211))
                  .set("reading_date", AvroTestData.DATE.plusDays(i % 365))
                  .set("read_at", AvroTestData.READ_AT.plusSeconds(i))
                  .set("value", i + 0.5)
                  .set("ratio", i / 1024f)
                  .set("n", i)
                  .set("seq", 9_876_543_210L + i)
                  .set("active", i % 2 == 0)
                  .build());
      totalBytes += values[i].length;
    }
    System.out.printf("average record size: %d bytes%n", totalBytes / DISTINCT);

    ConfluentAvroDecoder decoder =
        new ConfluentAvroDecoder(
            READING.toString(),
            READING_FIELDS,
            new CachingSchemaRegistry(new DirectorySchemaRegistry(schemas.toString())));
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
