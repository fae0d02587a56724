package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.job.DatasetQueries;
import io.splitflow.common.job.JobName;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.tools.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three datasets in one application per job, through the jobs' command lines: JSON into SCD1 gold,
 * Confluent Avro into SCD2 gold, and one whose every record fails to decode, so its error budget
 * stops its query. The broken one is isolated and reported; the other two reach gold.
 */
@Timeout(600)
class MultiDatasetIT {
  private static final String JSON = "sensor_readings";
  private static final String AVRO = "sensor_readings_avro";
  private static final String BROKEN = "broken_readings";

  /** A third dataset for the shipped config: JSON readings, at most half of a batch dead. */
  private static final String BROKEN_DATASET =
      """

        broken_readings:
          topic: broken_readings
          format: json
          max-dead-letter-ratio: 0.5
          fields:
            - { name: sensor_id,    type: string,    required: true }
            - { name: reading_date, type: date,      required: true }
            - { name: value,        type: double }
            - { name: event_time,   type: timestamp, required: true }
          merge:
            mode: scd1
            keys: [sensor_id, reading_date]
            sequence-by: [event_time]
      """;

  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path lake;

  @Test
  void healthyDatasetsReachGoldWhileTheBrokenOneIsIsolatedAndReported() throws Exception {
    Lake l = new Lake(lake);
    Schema v1 = AvroIT.schema("1.avsc");
    l.produce(
        List.of(
            record(l.topic(JSON), "a", Readings.json("a", 21.5, "C", "10:00:00")),
            record(l.topic(JSON), "a", Readings.json("a", 22.0, "C", "10:05:00")),
            record(l.topic(JSON), "b", Readings.json("b", 3.0, "C", "10:00:00"))));
    l.produce(
        List.of(
            record(
                l.topic(AVRO), "x", AvroIT.framed(1, AvroIT.avro(v1, "x", 1.0, "C", "09:00:00"))),
            record(
                l.topic(AVRO), "x", AvroIT.framed(1, AvroIT.avro(v1, "x", 2.0, "C", "09:30:00"))),
            record(
                l.topic(AVRO), "y", AvroIT.framed(1, AvroIT.avro(v1, "y", 5.0, "C", "09:00:00")))));
    List<ProducerRecord<byte[], byte[]>> garbage = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      garbage.add(record(l.topic(BROKEN), "k" + i, "not json at all #" + i));
    }
    l.produce(garbage);
    Set<String> pools = ConcurrentHashMap.newKeySet();
    SparkListener poolWatch =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            String pool = start.properties().getProperty(DatasetQueries.POOL_PROPERTY);
            if (pool != null) {
              pools.add(pool);
            }
          }
        };
    spark.sparkContext().addSparkListener(poolWatch);
    try {
      JobCli.Run ingest = l.run(JobName.INGEST, "--all-datasets");
      assertThat(ingest.code()).as(ingest.stderr()).isZero();
      assertThat(l.count(JSON, TableLayer.RAW)).isEqualTo(3);
      assertThat(l.count(AVRO, TableLayer.RAW)).isEqualTo(3);
      assertThat(l.count(BROKEN, TableLayer.RAW)).isEqualTo(4);

      JobCli.Run deserialize =
          l.run(JobName.DESERIALIZE, "--dataset", JSON, "--dataset", AVRO, "--dataset", BROKEN);

      assertThat(deserialize.code()).isEqualTo(1);
      assertThat(deserialize.stderr())
          .startsWith("deserialize-job: failed: 1 of 3 datasets failed: broken_readings (")
          .contains("datasets.broken_readings.max-dead-letter-ratio: batch 0 would dead-letter 4");
      assertThat(l.count(JSON, TableLayer.BRONZE)).isEqualTo(3);
      assertThat(l.count(AVRO, TableLayer.BRONZE)).isEqualTo(3);
      assertThat(l.count(BROKEN, TableLayer.BRONZE)).isZero();
      assertThat(l.count(BROKEN, TableLayer.DEAD_LETTER)).isZero(); // nothing of it written
      assertThat(
              l.events("deserialize")
                  .where("event IN ('error', 'stop')")
                  .select("dataset", "event", "details")
                  .collectAsList())
          .extracting(r -> r.getString(0), r -> r.getString(1), r -> then(r.getString(2)))
          .containsExactlyInAnyOrder(
              tuple(BROKEN, "error", "isolate"), tuple(JSON, "stop", ""), tuple(AVRO, "stop", ""));
      awaitPools(pools, Set.of(JSON, AVRO, BROKEN));

      JobCli.Run merge = l.run(JobName.MERGE, "--all-datasets");
      assertThat(merge.code()).as(merge.stderr()).isZero();
    } finally {
      spark.sparkContext().removeSparkListener(poolWatch);
    }
    assertThat(l.table(JSON, TableLayer.GOLD).orderBy("sensor_id").collectAsList())
        .extracting(r -> r.getAs("sensor_id"), r -> r.getAs("value"))
        .containsExactly(tuple("a", 22.0), tuple("b", 3.0));
    assertThat(l.table(AVRO, TableLayer.GOLD).orderBy("sensor_id", "_valid_from").collectAsList())
        .extracting(r -> r.getAs("sensor_id"), r -> r.getAs("value"), r -> r.getAs("_is_current"))
        .containsExactly(tuple("x", 1.0, false), tuple("x", 2.0, true), tuple("y", 5.0, true));
    assertThat(l.count(BROKEN, TableLayer.GOLD)).isZero();
  }

  @Test
  void aDatasetThatCannotStartIsIsolatedAndStopAllStopsTheOthersAfterTheirCurrentBatch()
      throws Exception {
    Lake l = new Lake(lake);
    l.produce(List.of(record(l.topic(JSON), "a", Readings.json("a", 1.0, "C", "10:00:00"))));
    l.produce(List.of(record(l.topic(BROKEN), "k", "{oops")));
    assertThat(l.run(JobName.INGEST, "--dataset", JSON, "--dataset", BROKEN).code()).isZero();

    // the Avro dataset has no raw table yet: it fails validation, the JSON one still runs
    JobCli.Run partial = l.run(JobName.DESERIALIZE, "--dataset", JSON, "--dataset", AVRO);

    assertThat(partial.code()).isEqualTo(1);
    assertThat(partial.stderr())
        .contains("1 of 2 datasets failed: sensor_readings_avro (input table ")
        .contains("run ingest-job for dataset sensor_readings_avro first");
    assertThat(l.count(JSON, TableLayer.BRONZE)).isEqualTo(1);
    long startsBefore = l.events("deserialize").where("event = 'start'").count();

    // under stop-all the same check stops the job before any dataset's query starts
    JobCli.Run refused =
        l.run(
            JobName.DESERIALIZE,
            "--dataset",
            JSON,
            "--dataset",
            AVRO,
            "--set",
            "on-dataset-failure=stop-all");

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.stderr()).contains("run ingest-job for dataset sensor_readings_avro first");
    assertThat(l.events("deserialize").where("event = 'start'").count()).isEqualTo(startsBefore);

    // with an interval trigger the healthy query would run until stopped
    JobCli.Run stopAll =
        l.run(
            JobName.DESERIALIZE,
            "--dataset",
            JSON,
            "--dataset",
            BROKEN,
            "--trigger",
            "interval=1s",
            "--set",
            "on-dataset-failure=stop-all");

    assertThat(stopAll.code()).isEqualTo(1);
    assertThat(stopAll.stderr()).contains("1 of 2 datasets failed: broken_readings");
    assertThat(l.count(JSON, TableLayer.BRONZE)).isEqualTo(1);
    assertThat(
            l.events("deserialize")
                .where("event IN ('error', 'stop')")
                .select("dataset", "event", "message", "details")
                .collectAsList())
        .extracting(
            r -> r.getString(0),
            r -> r.getString(1),
            r -> kind(r.getString(2)),
            r -> then(r.getString(3)))
        .containsExactlyInAnyOrder(
            tuple(AVRO, "error", "input table", "isolate"),
            tuple(JSON, "stop", "available-now", ""),
            tuple(BROKEN, "error", "datasets.broken_readings.max-dead-letter-ratio", "stop-all"),
            tuple(
                JSON,
                "stop",
                "dataset broken_readings failed and on-dataset-failure is stop-all",
                ""));
  }

  /** An event message up to its first colon, e.g. the config key an error names. */
  private static String kind(String message) {
    return message.startsWith("input table ") ? "input table" : message.replaceAll(":.*", "");
  }

  private static String then(String details) {
    if (details == null || !details.contains("\"then\"")) {
      return "";
    }
    return details.replaceAll(".*\"then\":\"([^\"]*)\".*", "$1");
  }

  private static void awaitPools(Set<String> pools, Set<String> expected) throws Exception {
    long until = System.nanoTime() + 10_000_000_000L; // the listener bus is asynchronous
    while (!pools.containsAll(expected) && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    assertThat(pools).containsAll(expected);
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String sensor, String value) {
    return record(topic, sensor, value.getBytes(StandardCharsets.UTF_8));
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String sensor, byte[] value) {
    return new ProducerRecord<>(
        topic, Readings.key(sensor).getBytes(StandardCharsets.UTF_8), value);
  }

  /** The shipped config plus the broken dataset, each dataset on a fresh topic, in one lake. */
  private final class Lake {
    private final Path configFile;
    private final List<String> overrides = new ArrayList<>();
    private final Map<String, String> topics;
    private final SplitflowConfig config;

    Lake(Path root) throws Exception {
      EmbeddedKafka broker = Pipeline.broker();
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      topics =
          Map.of(
              JSON, JSON + "_" + suffix, AVRO, AVRO + "_" + suffix, BROKEN, BROKEN + "_" + suffix);
      topics.values().forEach(topic -> broker.createTopic(topic, 2));
      Path dir = Files.createDirectories(root.resolve("_test-conf"));
      configFile = dir.resolve("datasets.yaml");
      Files.writeString(
          configFile, Files.readString(Path.of("..", "conf", "local.yaml")) + BROKEN_DATASET);
      Pipeline.copySchemas(Files.createDirectories(dir.resolve("schemas")));
      overrides.add("kafka.bootstrap-servers=" + broker.bootstrapServers());
      overrides.add("lake.root=" + root);
      overrides.add("datasets." + AVRO + ".merge.mode=scd2");
      topics.forEach((dataset, topic) -> overrides.add("datasets." + dataset + ".topic=" + topic));
      config = ConfigLoader.load(configFile, overrides, Map.of());
    }

    String topic(String dataset) {
      return topics.get(dataset);
    }

    void produce(List<ProducerRecord<byte[], byte[]>> records) {
      Pipeline.produce(Pipeline.broker().bootstrapServers(), records);
    }

    /** The job's command line, in this JVM (it joins the tests' session), stderr captured. */
    JobCli.Run run(JobName job, String... args) {
      List<String> all = new ArrayList<>(List.of("--config", configFile.toString()));
      overrides.forEach(o -> all.addAll(List.of("--set", o)));
      all.addAll(List.of(args));
      return JobCli.run(job, all);
    }

    Dataset<Row> table(String dataset, TableLayer layer) {
      return config.dataset(dataset).table(layer).read(spark);
    }

    long count(String dataset, TableLayer layer) {
      return table(dataset, layer).count();
    }

    Dataset<Row> events(String job) {
      return EventLog.of(config).read(spark).where("job = '" + job + "'");
    }
  }
}
