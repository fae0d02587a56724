package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.cli.ErrorReporting;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.tools.maintain.InitCommand;
import io.splitflow.tools.maintain.MaintainCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * bin/splitflow init and maintain on real Delta tables, and ingest's consumer-group offsets on the
 * embedded broker.
 */
@Timeout(600)
class MaintainIT {
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  private static final LocalDate READ_DAY = TODAY.minusDays(10);
  private static final LocalDate PARTLY_READ_DAY = TODAY.minusDays(9);

  @TempDir Path lake;

  @Test
  void initCreatesEveryTableWithItsPropertiesOnceAndRestoresAMissingOne() {
    Pipeline p = new Pipeline(lake);

    String first = run(new InitCommand(), p);
    // raw, bronze, dead-letter, gold, merge-events, and the three jobs' event logs
    assertThat(first.lines().filter(line -> line.contains(" created ")).count()).isEqualTo(8);
    assertThat(detail(p.dataset.table(TableLayer.RAW), "partitionColumns").toString())
        .contains("ingest_date");
    assertThat(properties(p.dataset.table(TableLayer.RAW)))
        .containsEntry("delta.appendOnly", "true");
    assertThat(properties(p.dataset.table(TableLayer.GOLD)))
        .containsEntry("delta.enableDeletionVectors", "false");
    assertThat(detail(p.dataset.table(TableLayer.DEAD_LETTER), "partitionColumns").toString())
        .contains("failed_date");
    assertThat(p.count(TableLayer.BRONZE)).isZero();

    String second = run(new InitCommand(), p);
    assertThat(second.lines().filter(line -> line.contains(" exists ")).count()).isEqualTo(8);
    assertThat(second).doesNotContain(" created ", " altered ");

    p.spark.sql(
        "ALTER TABLE "
            + p.dataset.table(TableLayer.RAW).sqlName()
            + " SET TBLPROPERTIES ('delta.appendOnly' = 'false')");
    String third = run(new InitCommand(), p);
    assertThat(third)
        .containsPattern("sensor_readings/raw +altered .*\\(set \\{delta.appendOnly=true}\\)");
    assertThat(properties(p.dataset.table(TableLayer.RAW)))
        .containsEntry("delta.appendOnly", "true");
  }

  @Test
  void maintainTrimsOnlyRawDaysDeserializeReadAndIngestCommitsItsOffsetsToTheGroup()
      throws Exception {
    String group = "splitflow-lag-" + UUID.randomUUID().toString().substring(0, 8);
    UnaryOperator<String> edit =
        yaml ->
            yaml.replace(
                    "  fail-on-data-loss: true\n",
                    "  fail-on-data-loss: true\n  commit-offsets-to-group: " + group + "\n")
                + "maintenance:\n  raw-retention: 2d\n  vacuum-retention: 0h\n";
    Pipeline p = new Pipeline(lake, edit);
    run(new InitCommand(), p);
    TableRef raw = p.dataset.table(TableLayer.RAW);
    assertThat(properties(raw)).containsEntry("delta.appendOnly", "false");

    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      records.add(p.record(key("s" + i), json("s" + i, (double) i, "C", "10:00:00.000")));
    }
    p.produce(records);
    p.run(JobName.INGEST);
    assertThat(groupOffsets(p, group)).isEqualTo(endOffsets(p)).isNotEmpty();

    appendRaw(p, READ_DAY, 0, 3); // ingested ten days ago, then deserialized
    appendRaw(p, PARTLY_READ_DAY, 100, 2);
    p.run(JobName.DESERIALIZE);
    assertThat(p.count(TableLayer.BRONZE)).isEqualTo(11);
    appendRaw(p, PARTLY_READ_DAY, 200, 2); // not deserialized yet

    // a retention of 0h only runs when the operator insists
    String report = run(new MaintainCommand(), p, "--unsafe-retention");
    assertThat(report)
        .containsPattern(
            "sensor_readings/raw +trim +consumed_version=\\d+ days=\\["
                + READ_DAY
                + "] rows_trimmed=3")
        // deserialize has not read the last append: vacuum would remove files it needs
        .containsPattern("sensor_readings/raw +vacuum +skipped=true +\\(deserialize has not read")
        .containsPattern("sensor_readings/raw +optimize +files_compacted=[2-9]")
        .containsPattern("sensor_readings/bronze +vacuum +files_removed=\\d+ retention_hours=0");
    assertThat(rawDays(p))
        .isEqualTo(Map.of(PARTLY_READ_DAY, 4L, TODAY, 6L)); // the partly read day stays whole
    assertThat(detail(raw, "numFiles")).isEqualTo(2L); // one compacted file per day left

    // the trim's delete commit does not stop deserialize, which reads what it had not read
    p.run(JobName.DESERIALIZE);
    assertThat(p.count(TableLayer.BRONZE)).isEqualTo(13);

    // read now, the partly read day goes too; no append is unread, so raw is vacuumed
    String again = run(new MaintainCommand(), p, "--unsafe-retention");
    assertThat(again)
        .containsPattern(
            "sensor_readings/raw +trim +consumed_version=\\d+ days=\\["
                + PARTLY_READ_DAY
                + "] rows_trimmed=4")
        .containsPattern("sensor_readings/raw +vacuum +files_removed=[1-9]\\d* retention_hours=0");
    assertThat(rawDays(p)).isEqualTo(Map.of(TODAY, 6L));
    p.run(JobName.DESERIALIZE);
    assertThat(p.count(TableLayer.BRONZE)).isEqualTo(13);
  }

  private void appendRaw(Pipeline p, LocalDate day, int firstOffset, int rows) {
    List<Row> fabricated = new ArrayList<>();
    Timestamp at = Timestamp.from(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
    for (int i = 0; i < rows; i++) {
      String sensor = "old" + (firstOffset + i);
      fabricated.add(
          RowFactory.create(
              key(sensor).getBytes(StandardCharsets.UTF_8),
              json(sensor, 1.0, "C", "09:00:00.000").getBytes(StandardCharsets.UTF_8),
              p.topic,
              7,
              (long) firstOffset + i,
              at,
              0,
              List.of(),
              at,
              Date.valueOf(day)));
    }
    p.spark
        .createDataFrame(fabricated, TableSchemas.raw())
        .write()
        .format("delta")
        .mode("append")
        .save(p.dataset.table(TableLayer.RAW).path());
  }

  private static Map<LocalDate, Long> rawDays(Pipeline p) {
    return p.table(TableLayer.RAW).groupBy("ingest_date").count().collectAsList().stream()
        .collect(Collectors.toMap(row -> row.getDate(0).toLocalDate(), row -> row.getLong(1)));
  }

  private static Object detail(TableRef table, String column) {
    Row detail = table.deltaTable(SparkTestSession.get()).detail().first();
    return detail.get(detail.fieldIndex(column));
  }

  private static Map<String, String> properties(TableRef table) {
    Row detail = table.deltaTable(SparkTestSession.get()).detail().first();
    return detail.getJavaMap(detail.fieldIndex("properties"));
  }

  private static String run(Callable<Integer> command, Pipeline p, String... more) {
    StringWriter out = new StringWriter();
    CommandLine cli = ErrorReporting.configure(new CommandLine(command));
    cli.setOut(new PrintWriter(out));
    List<String> args = p.cliArgs(JobName.INGEST, more);
    int code = cli.execute(args.subList(1, args.size()).toArray(String[]::new));
    assertThat(code).as(out.toString()).isZero();
    return out.toString();
  }

  private static Map<TopicPartition, Long> groupOffsets(Pipeline p, String group) throws Exception {
    try (Admin admin = admin(p)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> offsets = new HashMap<>();
      committed.forEach((partition, offset) -> offsets.put(partition, offset.offset()));
      return offsets;
    }
  }

  private static Map<TopicPartition, Long> endOffsets(Pipeline p) throws Exception {
    try (Admin admin = admin(p)) {
      Map<TopicPartition, OffsetSpec> latest =
          Map.of(
              new TopicPartition(p.topic, 0), OffsetSpec.latest(),
              new TopicPartition(p.topic, 1), OffsetSpec.latest());
      Map<TopicPartition, Long> offsets = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
      return offsets;
    }
  }

  private static Admin admin(Pipeline p) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers));
  }
}
