package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever bytes arrive, deserialize-job finishes and accounts for every raw record once,
 * in bronze or in the dead-letter table, and every dead letter says why.
 */
@Timeout(600)
class RandomBytesIT {
  private static final int RECORDS = 1_500;
  @TempDir Path lake;

  @Test
  void randomBytesAsJsonAreEachInBronzeOrDeadLettersOnce() throws Exception {
    Pipeline p = new Pipeline(lake);
    p.produce(randomRecords(p, new Random(7), false));
    assertEveryRecordAccountedFor(p);
  }

  @Test
  void randomBytesAsConfluentAvroAreEachInBronzeOrDeadLettersOnce() throws Exception {
    Pipeline p = Pipeline.forDataset(lake, Pipeline.AVRO_DATASET);
    p.produce(randomRecords(p, new Random(11), true));
    assertEveryRecordAccountedFor(p);
  }

  private static void assertEveryRecordAccountedFor(Pipeline p) throws Exception {
    p.run(JobName.INGEST);
    p.run(JobName.DESERIALIZE);

    long raw = p.count(TableLayer.RAW);
    assertThat(raw).isEqualTo(RECORDS);
    Dataset<Row> bronze =
        p.table(TableLayer.BRONZE)
            .selectExpr("_source.partition AS partition", "_source.offset AS offset");
    Dataset<Row> dead = p.table(TableLayer.DEAD_LETTER).select("partition", "offset");
    assertThat(bronze.count() + dead.count()).isEqualTo(raw);
    assertThat(bronze.union(dead).distinct().count()).isEqualTo(raw);
    assertThat(
            p.table(TableLayer.DEAD_LETTER)
                .where("error_message IS NULL OR error_message = ''")
                .count())
        .isZero();
  }

  /** Random bytes of every shape, with a share of near misses that get past the first checks. */
  private static List<ProducerRecord<byte[], byte[]>> randomRecords(
      Pipeline p, Random random, boolean confluent) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      byte[] value;
      switch (i % 6) {
        case 0 -> value = null; // a tombstone with a random key
        case 1 -> value = new byte[0];
        case 2 -> value = bytes(random, random.nextInt(64));
        case 3 ->
            value =
                confluent
                    ? ByteBuffer.allocate(5 + 8)
                        .put((byte) 0)
                        .putInt(1 + random.nextInt(2))
                        .put(bytes(random, 8))
                        .array()
                    : ("{\"sensor_id\":\"s"
                            + i
                            + "\",\"reading_date\":\"2026-11-27\",\"event_time\":\"2026-11-27T10:00:00Z\",\"value\":"
                            + (random.nextBoolean() ? "1e999" : String.valueOf(random.nextDouble()))
                            + "}")
                        .getBytes(StandardCharsets.UTF_8);
        case 4 ->
            value = ("{\"sensor_id\":" + random.nextInt() + "}").getBytes(StandardCharsets.UTF_8);
        default -> value = bytes(random, 1 + random.nextInt(2_000));
      }
      byte[] key = random.nextInt(4) == 0 ? null : bytes(random, random.nextInt(24));
      records.add(new ProducerRecord<>(p.topic, key, value));
    }
    return records;
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
