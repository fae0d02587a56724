package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import io.splitflow.tools.it.HostileCorpus.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus (src/test/resources/hostile) through the real pipeline: every job
 * finishes, raw holds each message once and byte for byte, each raw record is in bronze or in the
 * dead letters (never both, never neither) as the manifest says, each dead letter names its reason,
 * and merge takes whatever reached bronze.
 */
@Timeout(900)
class HostileInputIT {
  @TempDir Path lake;

  @Test
  void hostileJsonMessagesEachLandOnceWhereTheManifestSays() throws Exception {
    Pipeline p = new Pipeline(lake);
    runAndCheck(p, HostileCorpus.forDataset(Pipeline.DATASET));
  }

  @Test
  void hostileConfluentAvroMessagesEachLandOnceWhereTheManifestSays() throws Exception {
    Pipeline p = Pipeline.forDataset(lake, Pipeline.AVRO_DATASET);
    HostileCorpus.addRegistrySchemas(
        Path.of(p.dataset.decode().registry().orElseThrow().schemasDir().orElseThrow()));
    runAndCheck(p, HostileCorpus.forDataset(Pipeline.AVRO_DATASET));
  }

  @Test
  void oneMessageWithAHundredThousandNewKeysAddsNoColumnAndIsADeadLetter() throws Exception {
    Pipeline p =
        new Pipeline(
            lake,
            yaml ->
                yaml.replace(
                    "    tombstones: { key-format: delimited, separator: \"|\" }\n    merge:\n"
                        + "      mode: scd1\n      keys: [sensor_id, reading_date]",
                    "    tombstones: { key-format: delimited, separator: \"|\" }\n"
                        + "    schema-evolution: add-columns\n    merge:\n"
                        + "      mode: scd1\n      keys: [sensor_id, reading_date]"));
    assertThat(p.dataset.schemaEvolution().configName()).isEqualTo("add-columns");
    StringBuilder hostile = new StringBuilder(Readings.json("s-hostile", 1.0, "C", "10:00:00"));
    hostile.setLength(hostile.length() - 1);
    for (int i = 0; i < 100_000; i++) {
      hostile.append(",\"x").append(Integer.toString(i, 36)).append("\":0");
    }
    hostile.append('}');
    List<Entry> messages = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String reading = Readings.json("s-" + i, 20.0 + i, "C", "10:00:0" + i);
      // a new field two readings carry: schema evolution still works beside the hostile message
      if (i < 2) {
        reading = reading.substring(0, reading.length() - 1) + ",\"battery\":0.5}";
      }
      messages.add(HostileCorpus.Entry.of("reading-" + i, reading, HostileCorpus.BRONZE, ""));
    }
    messages.add(
        HostileCorpus.Entry.of(
            "hundred-thousand-keys",
            hostile.toString(),
            "UNKNOWN_FIELD",
            "schema-growth.max-new-columns-per-batch (50)"));
    Map<Coordinates, Entry> produced = produce(p, messages);

    long started = System.nanoTime();
    p.run(JobName.INGEST);
    p.run(JobName.DESERIALIZE);
    long deserializeSeconds = (System.nanoTime() - started) / 1_000_000_000L;

    List<String> problems = new ArrayList<>();
    Map<Coordinates, Row> raw = byCoordinates(p, TableLayer.RAW, "partition", "offset", problems);
    Map<Coordinates, Row> bronze =
        byCoordinates(p, TableLayer.BRONZE, "_source.partition", "_source.offset", problems);
    Map<Coordinates, Row> dead =
        byCoordinates(p, TableLayer.DEAD_LETTER, "partition", "offset", problems);
    for (Map.Entry<Coordinates, Entry> message : produced.entrySet()) {
      check(
          message.getValue(), raw.get(message.getKey()), bronze, dead, message.getKey(), problems);
    }
    assertThat(problems).as("messages that did not land where expected").isEmpty();
    assertThat(bronze.size() + dead.size()).as("raw = bronze + dead-letter").isEqualTo(7);
    List<String> columns = Arrays.asList(p.table(TableLayer.BRONZE).columns());
    assertThat(columns).endsWith("battery").noneMatch(c -> c.startsWith("x"));
    assertThat(deserializeSeconds).as("ingest and deserialize, seconds").isLessThan(600);

    p.run(JobName.MERGE);
    assertThat(Arrays.asList(p.table(TableLayer.GOLD).columns()))
        .contains("battery")
        .noneMatch(c -> c.startsWith("x"));
    assertThat(p.count(TableLayer.GOLD)).isEqualTo(6);
  }

  private static void runAndCheck(Pipeline p, List<Entry> corpus) throws Exception {
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
    Map<Coordinates, Entry> produced = produce(p, corpus);

    p.run(JobName.INGEST);
    p.run(JobName.DESERIALIZE);

    List<String> problems = new ArrayList<>();
    Map<Coordinates, Row> raw = byCoordinates(p, TableLayer.RAW, "partition", "offset", problems);
    assertThat(raw.keySet()).as("raw = produced").isEqualTo(produced.keySet());
    Map<Coordinates, Row> bronze =
        byCoordinates(p, TableLayer.BRONZE, "_source.partition", "_source.offset", problems);
    Map<Coordinates, Row> dead =
        byCoordinates(p, TableLayer.DEAD_LETTER, "partition", "offset", problems);
    for (Map.Entry<Coordinates, Entry> message : produced.entrySet()) {
      check(
          message.getValue(), raw.get(message.getKey()), bronze, dead, message.getKey(), problems);
    }
    assertThat(bronze.size() + dead.size()).as("raw = bronze + dead-letter").isEqualTo(raw.size());
    assertThat(problems).as("messages that did not land as the manifest says").isEmpty();

    p.run(JobName.MERGE);

    long keys =
        p.table(TableLayer.BRONZE)
            .where("sensor_id IS NOT NULL AND reading_date IS NOT NULL")
            .select("sensor_id", "reading_date")
            .distinct()
            .count();
    assertThat(p.count(TableLayer.GOLD)).as("one gold row per bronze key").isEqualTo(keys);
    assertThat(p.table(TableLayer.MERGE_EVENTS).where("committed").count()).isPositive();
  }

  /** Produces each message and returns it by where the broker put it. */
  private static Map<Coordinates, Entry> produce(Pipeline p, List<Entry> corpus) throws Exception {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Pipeline.broker().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            // 1 MiB values: past the client's default request size, and compressed to fit the
            // broker's default message size
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * HostileCorpus.MIB,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
    Map<Entry, Future<RecordMetadata>> sent = new LinkedHashMap<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Entry entry : corpus) {
        sent.put(
            entry,
            producer.send(
                new ProducerRecord<>(p.topic, null, entry.key(), entry.value(), entry.headers())));
      }
      producer.flush();
    }
    Map<Coordinates, Entry> produced = new HashMap<>();
    for (Map.Entry<Entry, Future<RecordMetadata>> s : sent.entrySet()) {
      RecordMetadata at = s.getValue().get();
      produced.put(new Coordinates(at.partition(), at.offset()), s.getKey());
    }
    return produced;
  }

  private static void check(
      Entry entry,
      Row raw,
      Map<Coordinates, Row> bronze,
      Map<Coordinates, Row> dead,
      Coordinates at,
      List<String> problems) {
    if (!sameMessage(entry, raw)) {
      problems.add(entry + ": raw does not hold the message byte for byte");
    }
    Row bronzeRow = bronze.get(at);
    Row deadRow = dead.get(at);
    if (bronzeRow != null && deadRow != null) {
      problems.add(entry + ": in bronze and in the dead letters");
    } else if (entry.landsInBronze()) {
      if (bronzeRow == null) {
        problems.add(entry + ": expected in bronze, found " + describe(deadRow));
      } else {
        boolean deleted = bronzeRow.getAs("_deleted");
        if (deleted != entry.expect().equals(HostileCorpus.DELETE)) {
          problems.add(entry + ": expected " + entry.expect() + ", found _deleted = " + deleted);
        }
      }
    } else if (deadRow == null) {
      problems.add(
          entry
              + ": expected dead letter "
              + entry.expect()
              + ", found "
              + (bronzeRow == null ? "nothing" : "a bronze row"));
    } else {
      String message = deadRow.getAs("error_message");
      if (!entry.expect().equals(deadRow.getAs("error_class"))
          || message == null
          || message.isBlank()
          || !message.contains(entry.message())
          || !"decode".equals(deadRow.getAs("stage"))) {
        problems.add(
            entry
                + ": expected "
                + entry.expect()
                + " naming '"
                + entry.message()
                + "', found "
                + describe(deadRow));
      }
      if (!sameMessage(entry, deadRow)) {
        problems.add(entry + ": the dead letter does not hold the message byte for byte");
      }
    }
  }

  private static String describe(Row dead) {
    if (dead == null) {
      return "nothing";
    }
    String message = dead.getAs("error_message");
    return dead.getAs("stage")
        + "/"
        + dead.getAs("error_class")
        + ": "
        + (message == null || message.length() < 300 ? message : message.substring(0, 300));
  }

  /** Key, value and headers as sent. */
  private static boolean sameMessage(Entry entry, Row row) {
    if (row == null
        || !Arrays.equals(entry.key(), row.<byte[]>getAs("key"))
        || !Arrays.equals(entry.value(), row.<byte[]>getAs("value"))) {
      return false;
    }
    List<Row> headers = row.getList(row.fieldIndex("headers"));
    if (headers == null) {
      return entry.headers().isEmpty();
    }
    List<String> found = new ArrayList<>();
    for (Row header : headers) {
      found.add(header.getString(0) + "=" + hex(header.<byte[]>getAs(1)));
    }
    List<String> sent = new ArrayList<>();
    for (Header header : entry.headers()) {
      sent.add(header.key() + "=" + hex(header.value()));
    }
    return found.equals(sent);
  }

  private static String hex(byte[] bytes) {
    return bytes == null ? "null" : HexFormat.of().formatHex(bytes);
  }

  private static Map<Coordinates, Row> byCoordinates(
      Pipeline p, TableLayer layer, String partition, String offset, List<String> problems) {
    Map<Coordinates, Row> rows = new HashMap<>();
    for (Row row :
        p.table(layer)
            .selectExpr("*", partition + " AS `__partition`", offset + " AS `__offset`")
            .collectAsList()) {
      Coordinates at = new Coordinates(row.getAs("__partition"), row.getAs("__offset"));
      if (rows.put(at, row) != null) {
        problems.add(layer + " holds " + at + " twice");
      }
    }
    return rows;
  }

  private record Coordinates(int partition, long offset) {
    @Override
    public String toString() {
      return partition + "/" + offset;
    }
  }
}
