package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.splitflow.common.cli.ErrorReporting;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.events.SourceRange;
import io.splitflow.common.job.JobName;
import io.splitflow.common.table.TableRef;
import io.splitflow.tools.audit.AuditCommand;
import io.splitflow.tools.audit.AuditResult;
import io.splitflow.tools.audit.Finding;
import io.splitflow.tools.audit.OffsetRange;
import io.splitflow.tools.audit.PartitionBooks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * bin/splitflow audit on a real pipeline: balanced when nothing is lost, and every gap, duplicate,
 * orphan, drop the event log miscounts and gold problem found, with its partition and offset or its
 * key (GoldCheckTest provokes each gold kind in both merge modes). One pipeline for the class; a
 * test that damages a table restores it (Delta RESTORE) before it ends.
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIELDS_END =
      "      - { name: event_time,   type: timestamp, required: true }\n";
  private static final UnaryOperator<String> DROP_TEST_SENSORS =
      yaml ->
          yaml.replace(
              FIELDS_END,
              FIELDS_END
                  + "    rules:\n"
                  + "      - { name: not_test_sensor, expr: \"sensor_id NOT LIKE 'test-%'\", action: drop }\n");

  @TempDir static Path lake;
  private Pipeline p;

  @BeforeAll
  void runThePipeline() throws Exception {
    p = new Pipeline(lake);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      records.add(p.record(key("s" + i), json("s" + i, (double) i, "C", "10:00:00.000")));
    }
    records.add(p.record(key("s1"), json("s1", 11.5, "C", "11:00:00.000")));
    records.add(p.record(key("s2"), null)); // a tombstone: s2 is deleted
    records.add(p.record(key("bad"), "{broken"));
    p.produce(records);
    p.runAll();
  }

  @Test
  void aCleanPipelineBalancesAndTheCommandExitsZero() throws Exception {
    AuditResult result = AuditAssertions.assertBalanced(p);

    assertThat(result.total(PartitionBooks::raw)).isEqualTo(15);
    assertThat(result.total(PartitionBooks::bronze)).isEqualTo(14);
    assertThat(result.total(PartitionBooks::deadLetter)).isEqualTo(1);
    assertThat(result.total(PartitionBooks::pending)).isZero();
    assertThat(result.partitions()).hasSize(2);
    assertThat(result.gold().expected()).isEqualTo(11);
    assertThat(result.gold().present()).isEqualTo(11);
    assertThat(result.gold().deleted()).isEqualTo(1);

    Cli text = cli();
    assertThat(text.code).isZero();
    assertThat(text.out).contains("balanced").doesNotContain("NOT BALANCED");
    Cli json = cli("--json");
    assertThat(json.code).isZero();
    JsonNode root = JSON.readTree(json.out);
    assertThat(root.path("balanced").asBoolean()).isTrue();
    assertThat(root.path("totals").path("raw").asLong()).isEqualTo(15);
  }

  @Test
  void aBronzeRowDeletedIsAGapAtItsPartitionAndOffset() throws Exception {
    DeltaTable bronze = p.dataset.table(TableLayer.BRONZE).deltaTable(p.spark);
    long before = version(bronze);
    Row victim = firstBronzeSource();
    int partition = victim.getInt(0);
    long offset = victim.getLong(1);
    try {
      bronze.delete(
          col("_source.partition").equalTo(partition).and(col("_source.offset").equalTo(offset)));

      AuditResult result = AuditAssertions.audit(p);

      assertThat(result.balanced()).isFalse();
      assertThat(result.gaps()).isEqualTo(1);
      assertThat(result.findings())
          .containsExactly(
              new Finding(
                  Finding.GAP, p.topic, partition, 1, List.of(new OffsetRange(offset, offset))));
      Cli text = cli();
      assertThat(text.code).isEqualTo(AuditCommand.NOT_BALANCED);
      assertThat(text.out)
          .contains(p.topic + "/" + partition + " gap: 1 record at offsets " + offset)
          .contains("NOT BALANCED");
    } finally {
      bronze.restoreToVersion(before);
    }
  }

  @Test
  void aBronzeRowAppendedTwiceIsADuplicate() throws Exception {
    DeltaTable bronze = p.dataset.table(TableLayer.BRONZE).deltaTable(p.spark);
    long before = version(bronze);
    Row victim = firstBronzeSource();
    int partition = victim.getInt(0);
    long offset = victim.getLong(1);
    try {
      p.table(TableLayer.BRONZE)
          .where(
              col("_source.partition")
                  .equalTo(partition)
                  .and(col("_source.offset").equalTo(offset)))
          .write()
          .format("delta")
          .mode("append")
          .save(p.dataset.table(TableLayer.BRONZE).path());

      AuditResult result = AuditAssertions.audit(p);

      assertThat(result.balanced()).isFalse();
      assertThat(result.gaps()).isZero();
      assertThat(result.findings())
          .containsExactly(
              new Finding(
                  Finding.DUPLICATE,
                  p.topic,
                  partition,
                  1,
                  List.of(new OffsetRange(offset, offset))));
    } finally {
      bronze.restoreToVersion(before);
    }
  }

  @Test
  void aGoldRowDeletedIsAMissingKey() {
    DeltaTable gold = p.dataset.table(TableLayer.GOLD).deltaTable(p.spark);
    long before = version(gold);
    try {
      gold.delete(col("sensor_id").equalTo("s7"));

      AuditResult result = AuditAssertions.audit(p);

      assertThat(result.balanced()).isFalse();
      assertThat(result.gaps()).isZero();
      assertThat(result.gold().missing()).isEqualTo(1);
      assertThat(result.gold().examples())
          .containsExactly("missing: sensor_id=s7, reading_date=" + Readings.DAY);
    } finally {
      gold.restoreToVersion(before);
    }
  }

  @Test
  void aDeadLetterRawLacksIsAnOrphan() throws Exception {
    DeltaTable deadLetters = p.dataset.table(TableLayer.DEAD_LETTER).deltaTable(p.spark);
    long before = version(deadLetters);
    Row dead = p.table(TableLayer.DEAD_LETTER).select("partition").first();
    int partition = dead.getInt(0);
    long offset = 10_000;
    try {
      p.table(TableLayer.DEAD_LETTER)
          .withColumn("offset", lit(offset))
          .write()
          .format("delta")
          .mode("append")
          .save(p.dataset.table(TableLayer.DEAD_LETTER).path());

      AuditResult result = AuditAssertions.audit(p);

      assertThat(result.balanced()).isFalse();
      assertThat(result.findings())
          .containsExactly(
              new Finding(
                  Finding.ORPHAN, p.topic, partition, 1, List.of(new OffsetRange(offset, offset))));
      assertThat(result.gold().balanced()).isTrue();
      Cli text = cli();
      assertThat(text.code).isEqualTo(AuditCommand.NOT_BALANCED);
      assertThat(text.out)
          .contains(p.topic + "/" + partition + " orphan: 1 record at offsets " + offset);
    } finally {
      deadLetters.restoreToVersion(before);
    }
  }

  @Test
  void dropsTheEventLogCountsThatNoRecordIsMissingForDoNotBalance() throws Exception {
    TableRef events = EventLog.table(p.config, JobName.DESERIALIZE);
    DeltaTable eventTable = events.deltaTable(p.spark);
    long before = version(eventTable);
    String batch = "job = 'deserialize' AND event = 'batch' AND details LIKE '%\"dropped\":0%'";
    long batchId =
        EventLog.of(p.config).read(p.spark).where(batch).agg(min("batch_id")).first().getLong(0);
    try {
      // the batch's count and its first partition's range say one record was dropped
      p.spark.sql(
          "UPDATE "
              + events.sqlName()
              + " SET counts = transform_values(counts, (k, v) -> IF(k = 'dropped', 1L, v)),"
              + " details = regexp_replace(details, '^(.*?)\"dropped\":0', '$1\"dropped\":1')"
              + " WHERE "
              + batch
              + " AND batch_id = "
              + batchId);
      SourceRange tampered =
          SourceRange.fromDetails(
                  EventLog.of(p.config)
                      .read(p.spark)
                      .where("job = 'deserialize' AND event = 'batch' AND batch_id = " + batchId)
                      .select("details")
                      .first()
                      .getString(0))
              .stream()
              .filter(r -> r.dropped() == 1)
              .findFirst()
              .orElseThrow();

      AuditResult result = AuditAssertions.audit(p);

      assertThat(result.balanced()).isFalse();
      assertThat(result.droppedByEvents()).isEqualTo(1);
      assertThat(result.gaps()).isZero();
      assertThat(result.partitions())
          .filteredOn(b -> b.partition() == tampered.partition())
          .singleElement()
          .satisfies(
              b -> {
                assertThat(b.dropped()).isEqualTo(1);
                assertThat(b.missing()).isZero();
                assertThat(b.overDropped()).isEqualTo(1);
              });
      Cli text = cli();
      assertThat(text.code).isEqualTo(AuditCommand.NOT_BALANCED);
      assertThat(text.out)
          .contains(
              p.topic
                  + "/"
                  + tampered.partition()
                  + ": the event log counts 1 dropped, but only 0 records are missing")
          .contains("NOT BALANCED");
    } finally {
      eventTable.restoreToVersion(before);
    }
  }

  @Test
  void goldChangedFiveWaysShowsEachKindForItsKey() throws Exception {
    TableRef goldTable = p.dataset.table(TableLayer.GOLD);
    DeltaTable gold = goldTable.deltaTable(p.spark);
    long before = version(gold);
    try {
      // s1's gold row goes back to its first version's time: stale
      update(goldTable, "_sequence.event_time = _sequence.event_time - INTERVAL 1 HOUR", "s1");
      // s3 keeps its newest sequence with another value: wrong value
      update(goldTable, "value = value + 100", "s3");
      // s2's newest version is its tombstone: live again, not deleted
      update(goldTable, "_deleted = false", "s2");
      // a key bronze never had, and a second row for s5
      p.table(TableLayer.GOLD)
          .where("sensor_id = 's4'")
          .withColumn("sensor_id", lit("ghost"))
          .union(p.table(TableLayer.GOLD).where("sensor_id = 's5'"))
          .write()
          .format("delta")
          .mode("append")
          .save(goldTable.path());

      AuditResult result = AuditAssertions.audit(p);

      assertThat(result.balanced()).isFalse();
      assertThat(result.findings()).isEmpty();
      assertThat(result.gold().expected()).isEqualTo(11);
      assertThat(result.gold().present()).isEqualTo(8);
      assertThat(result.gold().missing()).isZero();
      assertThat(result.gold().stale()).isEqualTo(1);
      assertThat(result.gold().wrongValue()).isEqualTo(1);
      assertThat(result.gold().notDeleted()).isEqualTo(1);
      assertThat(result.gold().unexpected()).isEqualTo(1);
      assertThat(result.gold().severalCurrent()).isEqualTo(1);
      String day = ", reading_date=" + Readings.DAY;
      assertThat(result.gold().examples())
          .containsExactly(
              "not_deleted: sensor_id=s2" + day,
              "several_current: sensor_id=s5" + day,
              "stale: sensor_id=s1" + day,
              "unexpected: sensor_id=ghost" + day,
              "wrong_value: sensor_id=s3" + day + " (value)");
      Cli text = cli();
      assertThat(text.code).isEqualTo(AuditCommand.NOT_BALANCED);
      assertThat(text.out)
          .contains(
              "gold (scd1): 11 keys expected, 8 present, 0 missing, 1 stale, 1 wrong value,"
                  + " 1 unexpected; 0 deleted, 1 not deleted, 1 with several current rows")
          .contains("    gold wrong_value: sensor_id=s3" + day + " (value)")
          .contains("NOT BALANCED");
      Cli json = cli("--json");
      assertThat(json.code).isEqualTo(AuditCommand.NOT_BALANCED);
      assertThat(JSON.readTree(json.out).path("gold").path("wrong_value").asLong()).isEqualTo(1);
    } finally {
      gold.restoreToVersion(before);
    }
  }

  @Test
  void recordsDroppedByARuleBalanceThroughTheEventLogAndUnprocessedOnesArePending(
      @TempDir Path otherLake) throws Exception {
    Pipeline dropping = new Pipeline(otherLake, DROP_TEST_SENSORS);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String sensor : List.of("a", "b", "c", "test-1", "test-2", "test-3")) {
      records.add(dropping.record(key(sensor), json(sensor, 1.0, "C", "10:00:00.000")));
    }
    dropping.produce(records);
    dropping.runAll();

    AuditResult result = AuditAssertions.assertBalanced(dropping);

    assertThat(result.droppedByEvents()).isEqualTo(3);
    assertThat(result.total(PartitionBooks::dropped)).isEqualTo(3);
    assertThat(result.total(PartitionBooks::bronze)).isEqualTo(3);
    List<Row> events =
        EventLog.of(dropping.config)
            .read(dropping.spark)
            .where("job = 'deserialize' AND event = 'batch'")
            .collectAsList();
    assertThat(events).hasSize(1);
    Row event = events.get(0);
    assertThat(event.getJavaMap(event.fieldIndex("counts")))
        .containsEntry("dropped", 3L)
        .containsEntry("dropped:not_test_sensor", 3L)
        .containsEntry("bronze_rows", 3L);
    assertThat(SourceRange.fromDetails(event.getAs("details")))
        .extracting(SourceRange::records)
        .containsExactlyInAnyOrder(
            result.partitions().get(0).raw(), result.partitions().get(1).raw());

    dropping.produce(List.of(dropping.record(key("d"), json("d", 1.0, "C", "10:00:00.000"))));
    dropping.run(JobName.INGEST);

    AuditResult pending = AuditAssertions.assertBalanced(dropping);
    assertThat(pending.total(PartitionBooks::pending)).isEqualTo(1);
    assertThat(pending.total(PartitionBooks::dropped)).isEqualTo(3);
  }

  private Row firstBronzeSource() {
    return p.table(TableLayer.BRONZE)
        .select("_source.partition", "_source.offset")
        .orderBy("partition", "offset")
        .first();
  }

  private void update(TableRef table, String set, String sensor) {
    p.spark.sql(
        "UPDATE " + table.sqlName() + " SET " + set + " WHERE sensor_id = '" + sensor + "'");
  }

  private long version(DeltaTable table) {
    return table.history(1).select("version").first().getLong(0);
  }

  private record Cli(int code, String out) {}

  private Cli cli(String... extra) throws Exception {
    Path config;
    try (var files = Files.list(lake.resolve("_test-conf"))) {
      config = files.filter(f -> f.toString().endsWith(".yaml")).findFirst().orElseThrow();
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--config",
                config.toString(),
                "--dataset",
                p.dataset.name(),
                "--set",
                "lake.root=" + lake,
                "--set",
                "kafka.bootstrap-servers=" + Pipeline.broker().bootstrapServers(),
                "--set",
                "datasets." + p.dataset.name() + ".topic=" + p.topic));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    CommandLine command = ErrorReporting.configure(new CommandLine(new AuditCommand()));
    command.setOut(new PrintWriter(out));
    int code = command.execute(args.toArray(String[]::new));
    return new Cli(code, out.toString());
  }
}
