package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.RestartPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each job dies at its dangerous point (after its write committed and before its checkpoint did;
 * for deserialize, between its bronze and dead-letter writes) and is started again on the same
 * checkpoint: raw, bronze, dead-letter and gold must then hold every record exactly once.
 */
@Timeout(600)
class CrashPointIT {
  private static final int VALID = 40;
  private static final int BROKEN = 5;
  private static final int KEYS = 10;

  @TempDir Path lake;

  /** A job and the point where it dies: its output is committed, its checkpoint is not. */
  enum Crash {
    INGEST_AFTER_RAW_WRITE(JobName.INGEST, FaultPoints.INGEST_AFTER_RAW, TableLayer.RAW),
    DESERIALIZE_BETWEEN_BRONZE_AND_DEAD_LETTER(
        JobName.DESERIALIZE, FaultPoints.DESERIALIZE_AFTER_BRONZE, TableLayer.BRONZE),
    MERGE_AFTER_MERGE(JobName.MERGE, FaultPoints.MERGE_AFTER_MERGE, TableLayer.GOLD);

    final JobName job;
    final String point;
    final TableLayer written;

    Crash(JobName job, String point, TableLayer written) {
      this.job = job;
      this.point = point;
      this.written = written;
    }
  }

  @AfterEach
  void disarm() {
    FaultPoints.disarmAll();
  }

  @ParameterizedTest
  @EnumSource(Crash.class)
  void aRestartAfterACrashLandsEachRecordOnce(Crash crash) throws Exception {
    Pipeline p = pipelineWithMixedRecords(lake);
    runJobsBefore(p, crash.job);
    FaultPoints.arm(crash.point);

    assertThatThrownBy(() -> p.run(crash.job))
        .hasStackTraceContaining("injected fault at " + crash.point);
    long versionAtCrash = version(p, crash.written);
    assertThat(p.count(crash.written)).as("the write landed before the crash").isPositive();

    p.run(crash.job); // the same checkpoint: the batch that died is run again
    assertThat(version(p, crash.written))
        .as("the re-run batch found its write committed and skipped it")
        .isEqualTo(versionAtCrash);
    runJobsAfter(p, crash.job);

    assertEachRecordOnce(p);
  }

  /**
   * Each job dies at its crash point in its second batch, after the first committed, and
   * --restart-on-failure 1 brings it back within the run: the event log shows the injected failure
   * followed by a restart, each batch has one batch row, and every record lands once.
   */
  @Test
  void restartOnFailureRecoversALaterBatchWithinOneRun() throws Exception {
    Pipeline p =
        pipelineWithMixedRecords(
            lake,
            yaml ->
                yaml.replace("max-offsets-per-trigger: 200000", "max-offsets-per-trigger: 23")
                    .replace(
                        "    topic: sensor_readings\n",
                        "    topic: sensor_readings\n    sizing: { max-files-per-trigger: 1 }\n"));
    for (Crash crash : Crash.values()) {
      FaultPoints.armAfter(crash.point, 1);
      p.run(crash.job, new RestartPolicy(1, Duration.ZERO, Duration.ZERO));

      List<Row> events =
          EventLog.of(p.config)
              .read(p.spark)
              .where(col("job").equalTo(crash.job.id()))
              .orderBy("event_time")
              .collectAsList();
      List<Row> errors =
          events.stream().filter(e -> e.<String>getAs("event").equals("error")).toList();
      assertThat(errors).as("%s: the injected failure", crash.job).hasSize(1);
      assertThat(errors.get(0).<String>getAs("message"))
          .contains("injected fault at " + crash.point);
      assertThat(errors.get(0).<String>getAs("details")).contains("\"then\":\"restart\"");
      assertThat(events.stream().filter(e -> e.<String>getAs("event").equals("start")).count())
          .as("%s: started, then started again", crash.job)
          .isEqualTo(2);
      List<Long> batches =
          events.stream()
              .filter(e -> e.<String>getAs("event").equals("batch"))
              .map(e -> e.<Long>getAs("batch_id"))
              .toList();
      assertThat(batches).as("%s: batches, each once", crash.job).doesNotHaveDuplicates();
      assertThat(batches)
          .as("%s: the batch that died came after one that committed", crash.job)
          .contains(0L, 1L);
    }
    assertEachRecordOnce(p);
  }

  static Pipeline pipelineWithMixedRecords(Path lake) {
    return pipelineWithMixedRecords(lake, yaml -> yaml);
  }

  /** The same records, on the shipped config as changed by {@code edit}. */
  static Pipeline pipelineWithMixedRecords(Path lake, UnaryOperator<String> edit) {
    Pipeline p = new Pipeline(lake, edit);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < VALID; i++) {
      String sensor = "s" + (i % KEYS);
      records.add(
          p.record(key(sensor), json(sensor, (double) i, "C", String.format("10:00:%02d.000", i))));
      if (i % 8 == 0) {
        records.add(p.record(key(sensor), "{broken " + i));
      }
    }
    p.produce(records);
    return p;
  }

  /**
   * Raw holds every produced record once, each is once in bronze or dead-letter, gold is right, and
   * the audit (bin/splitflow audit) finds the books balanced.
   */
  static void assertEachRecordOnce(Pipeline p) {
    AuditAssertions.assertBalanced(p);
    assertThat(p.count(TableLayer.RAW)).isEqualTo(VALID + BROKEN);
    assertThat(p.table(TableLayer.RAW).select("partition", "offset").distinct().count())
        .isEqualTo(VALID + BROKEN);
    assertThat(p.count(TableLayer.BRONZE)).isEqualTo(VALID);
    assertThat(p.count(TableLayer.DEAD_LETTER)).isEqualTo(BROKEN);
    assertThat(
            p.table(TableLayer.BRONZE)
                .select("_source.partition", "_source.offset")
                .union(p.table(TableLayer.DEAD_LETTER).select("partition", "offset"))
                .distinct()
                .count())
        .as("bronze and dead-letter together hold each raw record once")
        .isEqualTo(VALID + BROKEN);
    assertThat(p.count(TableLayer.GOLD)).isEqualTo(KEYS);
    for (int k = 0; k < KEYS; k++) {
      // the latest reading of sensor sK is the one produced last for it: value 30 + K
      assertThat(
              p.table(TableLayer.GOLD)
                  .where("sensor_id = 's" + k + "'")
                  .first()
                  .<Double>getAs("value"))
          .isEqualTo(30.0 + k);
    }
  }

  private static void runJobsBefore(Pipeline p, JobName job) throws Exception {
    for (JobName upstream : JobName.values()) {
      if (upstream.ordinal() < job.ordinal()) {
        p.run(upstream);
      }
    }
  }

  private static void runJobsAfter(Pipeline p, JobName job) throws Exception {
    for (JobName downstream : JobName.values()) {
      if (downstream.ordinal() > job.ordinal()) {
        p.run(downstream);
      }
    }
  }

  static long version(Pipeline p, TableLayer layer) {
    return p.dataset.table(layer).deltaTable(p.spark).history(1).head().getLong(0);
  }
}
