package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.job.GracefulStop;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.job.RestartPolicy;
import io.splitflow.common.trigger.TriggerSpec;
import io.splitflow.ingest.IngestJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka failing ingest: a broker that goes away and comes back, and records deleted (as retention
 * does) before ingest read them.
 */
@Timeout(600)
class KafkaOutageIT {
  @TempDir Path lake;

  @AfterEach
  void resetStop() {
    GracefulStop.reset();
  }

  /**
   * The broker stops while ingest runs on an interval trigger; ingest fails over the outage and
   * --restart-on-failure starts it again until the broker is back. Every record reaches raw once.
   */
  @Test
  void ingestRestartsThroughABrokerOutageAndLosesNothing() throws Exception {
    try (BrokerProcess broker = BrokerProcess.start(lake.resolve("broker"))) {
      String topic = "outage";
      broker.createTopic(topic, 2);
      Pipeline p =
          Pipeline.onBroker(
              lake.resolve("lake"),
              broker.bootstrapServers(),
              topic,
              yaml ->
                  yaml.replace(
                      "  options: {}",
                      "  options: { default.api.timeout.ms: \"5000\", request.timeout.ms: \"3000\","
                          + " reconnect.backoff.max.ms: \"1000\" }"));
      p.produce(readings(p, 0, 20));

      JobContext interval =
          new JobContext(
              p.config, p.dataset, JobName.INGEST, new TriggerSpec.Interval(Duration.ofSeconds(1)));
      CompletableFuture<Void> ingest =
          CompletableFuture.runAsync(
              () -> {
                try {
                  JobRunner.run(
                      p.spark,
                      interval,
                      new IngestJob(),
                      new RestartPolicy(20, Duration.ofSeconds(2), Duration.ofSeconds(4)));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      await()
          .atMost(2, TimeUnit.MINUTES)
          .ignoreExceptions()
          .until(() -> p.count(TableLayer.RAW) == 20);

      broker.stop();
      Thread.sleep(15_000); // long enough for the Kafka client's timeouts to fail the query
      assertThat(ingest).as("still running, restarting").isNotDone();
      broker.startAgain();
      p.produce(readings(p, 20, 40));

      await().atMost(3, TimeUnit.MINUTES).until(() -> p.count(TableLayer.RAW) >= 40);
      GracefulStop.request();
      ingest.get(2, TimeUnit.MINUTES);

      assertThat(p.count(TableLayer.RAW)).isEqualTo(40);
      assertThat(p.table(TableLayer.RAW).select("partition", "offset").distinct().count())
          .isEqualTo(40);

      // the event log tells the outage's story: each failure an error row that says a restart
      // follows, each restart a start row, and the SIGTERM stop at the end
      List<Row> events =
          EventLog.of(p.config)
              .read(p.spark)
              .where("job = 'ingest'")
              .orderBy("event_time")
              .select("event", "details", "message")
              .collectAsList();
      List<Row> errors = events.stream().filter(r -> r.getString(0).equals("error")).toList();
      long starts = events.stream().filter(r -> r.getString(0).equals("start")).count();
      assertThat(errors).as("error rows over the outage").isNotEmpty();
      assertThat(errors)
          .allSatisfy(
              r -> assertThat(r.getString(1)).contains("\"restarting\":true,\"then\":\"restart\""));
      assertThat(starts).as("a start row per restart, and the first").isEqualTo(errors.size() + 1);
      assertThat(events.get(events.size() - 1).getString(0)).isEqualTo("stop");
      assertThat(events.get(events.size() - 1).getString(2)).isEqualTo("stop requested (SIGTERM)");
    }
  }

  @Test
  void recordsDeletedBeforeIngestReadThemStopTheJobNamingTheRange() throws Exception {
    Pipeline p = new Pipeline(lake);
    p.produce(onPartitionZero(p, 0, 10));
    p.run(JobName.INGEST);
    p.produce(onPartitionZero(p, 10, 20));
    deleteRecordsBefore(p, 15); // retention took offsets 10-14 before ingest came back

    assertThatThrownBy(() -> p.run(JobName.INGEST))
        .hasStackTraceContaining("Kafka no longer holds records ingest has not read yet")
        .hasStackTraceContaining("topic " + p.topic + " partition 0 offsets 10-14 (5 records)")
        .hasStackTraceContaining("kafka.fail-on-data-loss=false");
    assertThat(p.count(TableLayer.RAW)).as("nothing of the batch written").isEqualTo(10);

    Pipeline goOn =
        p.redeployed(
            lake, yaml -> yaml.replace("fail-on-data-loss: true", "fail-on-data-loss: false"));
    goOn.run(JobName.INGEST);
    List<Long> offsets =
        goOn.table(TableLayer.RAW).orderBy("offset").select("offset").collectAsList().stream()
            .map((Row row) -> row.getLong(0))
            .toList();
    assertThat(offsets)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 15L, 16L, 17L, 18L, 19L);
    Row lost = EventLog.of(goOn.config).read(goOn.spark).where("event = 'data_lost'").first();
    assertThat(lost.<Long>getAs("batch_id")).isEqualTo(1L);
    assertThat(lost.<String>getAs("details"))
        .contains("\"partition\":0,\"from_offset\":10,\"until_offset\":15,\"records\":5");
  }

  /**
   * The topic deleted and recreated under ingest (offsets go back from 10 to a new log): with
   * fail-on-data-loss false, the records the recreated partition held before the batch's end, which
   * Spark's source skips with the range it cannot read, are reported as a data_lost range that says
   * the offsets went back; what comes after them is ingested.
   */
  @Test
  void aRecreatedTopicsSkippedRecordsAreReportedAsLostWhenOffsetsGoBack() throws Exception {
    Pipeline p =
        new Pipeline(
            lake, yaml -> yaml.replace("fail-on-data-loss: true", "fail-on-data-loss: false"));
    p.produce(onPartitionZero(p, 0, 10));
    p.run(JobName.INGEST);
    recreateTopic(p);
    p.produce(onPartitionZero(p, 10, 15)); // offsets 0-4 of the new log

    p.run(JobName.INGEST);
    Row lost = EventLog.of(p.config).read(p.spark).where("event = 'data_lost'").first();
    assertThat(lost.<String>getAs("details"))
        .contains(
            "\"partition\":0,\"from_offset\":0,\"until_offset\":5,\"records\":5,"
                + "\"went_back_from\":10");
    assertThat(lost.<String>getAs("message")).contains("went back from 10");

    p.produce(onPartitionZero(p, 15, 18)); // offsets 5-7 of the new log
    p.run(JobName.INGEST);
    assertThat(p.count(TableLayer.RAW)).as("10 before, 3 after the skipped 5").isEqualTo(13);
  }

  private static void recreateTopic(Pipeline p) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers))) {
      admin.deleteTopics(List.of(p.topic)).all().get(30, TimeUnit.SECONDS);
      await()
          .atMost(1, TimeUnit.MINUTES)
          .ignoreExceptions()
          .until(
              () -> {
                admin
                    .createTopics(List.of(new NewTopic(p.topic, 2, (short) 1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
                return true;
              });
    }
  }

  private static List<ProducerRecord<byte[], byte[]>> readings(Pipeline p, int from, int to) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String sensor = "s" + (i % 10);
      records.add(
          p.record(key(sensor), json(sensor, (double) i, "C", String.format("10:00:%02d.000", i))));
    }
    return records;
  }

  private static List<ProducerRecord<byte[], byte[]>> onPartitionZero(
      Pipeline p, int from, int to) {
    return readings(p, from, to).stream()
        .map(r -> new ProducerRecord<>(r.topic(), 0, r.key(), r.value()))
        .toList();
  }

  private static void deleteRecordsBefore(Pipeline p, long offset) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers))) {
      admin
          .deleteRecords(
              Map.of(new TopicPartition(p.topic, 0), RecordsToDelete.beforeOffset(offset)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }
}
