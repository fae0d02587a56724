package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.CheckpointLock;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.table.TableRef;
import io.splitflow.deserialize.batch.BatchProcessors;
import io.splitflow.deserialize.replay.DeadLetterReplay;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Business rules through the real pipeline, and dead letters replayed after a config fix. */
@Timeout(600)
class RulesAndReplayIT {
  private static final String FIELDS_END =
      "      - { name: event_time,   type: timestamp, required: true }\n";

  /** unit required: readings without a unit are dead letters until the config is fixed. */
  private static final UnaryOperator<String> STRICT =
      yaml ->
          yaml.replace(
              "{ name: unit,         type: string }",
              "{ name: unit, type: string, required: true }");

  private static final UnaryOperator<String> RULES =
      yaml ->
          yaml.replace(
              FIELDS_END,
              FIELDS_END
                  + "    rules:\n"
                  + "      - { name: value_in_range, expr: \"value IS NULL OR value BETWEEN -80 AND 200\" }\n"
                  + "      - { name: known_unit, expr: \"unit IN ('C', '%RH', 'hPa')\" }\n"
                  + "      - { name: not_test_sensor, expr: \"sensor_id NOT LIKE 'test-%'\", action: drop }\n"
                  + "      - { name: has_value, expr: \"value IS NOT NULL\", action: warn }\n");

  @TempDir Path lake;

  @Test
  void rulesDeadLetterDropAndWarnAsDeclared() throws Exception {
    Pipeline p = new Pipeline(lake, RULES);
    p.produce(
        List.of(
            p.record(key("ok"), json("ok", 20.0, "C", "10:00:00.000")),
            p.record(key("hot"), json("hot", 999.0, "C", "10:00:00.000")),
            p.record(key("both"), json("both", 999.0, "furlongs", "10:00:00.000")),
            p.record(key("test-1"), json("test-1", 20.0, "C", "10:00:00.000")),
            p.record(key("novalue"), json("novalue", null, "C", "10:00:00.000"))));
    p.run(JobName.INGEST);

    p.run(JobName.DESERIALIZE);

    assertThat(p.table(TableLayer.BRONZE).collectAsList())
        .extracting(r -> r.<String>getAs("sensor_id"))
        .containsExactlyInAnyOrder("ok", "novalue");
    List<Row> deadLetters = p.table(TableLayer.DEAD_LETTER).collectAsList();
    assertThat(deadLetters)
        .extracting(
            r -> new String((byte[]) r.getAs("key")),
            r -> r.getAs("stage"),
            r -> r.getAs("error_class"),
            r -> r.getList(r.fieldIndex("failed_rules")))
        .containsExactlyInAnyOrder(
            tuple(key("hot"), "validate", "RULE_FAILED", List.of("value_in_range")),
            tuple(key("both"), "validate", "RULE_FAILED", List.of("value_in_range", "known_unit")));
    assertThat(
            deadLetters.stream()
                .filter(r -> new String((byte[]) r.getAs("key")).equals(key("hot")))
                .findFirst()
                .orElseThrow()
                .<String>getAs("error_message"))
        .isEqualTo("failed rules: value_in_range [value IS NULL OR value BETWEEN -80 AND 200]");
  }

  @Test
  void aRuleThatDoesNotCompileStopsTheJobAtStartNamingIt() throws Exception {
    Pipeline p =
        new Pipeline(
            lake,
            yaml ->
                yaml.replace(
                    FIELDS_END,
                    FIELDS_END + "    rules:\n      - { name: typo, expr: \"valu > 0\" }\n"));
    p.run(JobName.INGEST);

    assertThatThrownBy(() -> p.run(JobName.DESERIALIZE))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("datasets.sensor_readings.rules.typo: ")
        .hasMessageContaining("valu");
    assertThat(p.dataset.table(TableLayer.BRONZE).exists(p.spark)).as("no table touched").isFalse();
  }

  @Test
  void deadLettersReplayIntoBronzeOnceAfterTheConfigIsFixed() throws Exception {
    Pipeline strict = new Pipeline(lake, STRICT);
    strict.produce(
        List.of(
            strict.record(key("a"), json("a", 1.0, "C", "10:00:00.000")),
            strict.record(key("b"), json("b", 2.0, null, "10:00:00.000")),
            strict.record(key("c"), json("c", 3.0, null, "10:00:00.000")),
            strict.record(key("x"), "{broken")));
    strict.runAll();
    assertThat(strict.count(TableLayer.BRONZE)).isEqualTo(1);
    assertThat(strict.count(TableLayer.DEAD_LETTER)).isEqualTo(3);

    Pipeline fixed = strict.redeployed(lake, yaml -> yaml);
    DeadLetterReplay.Result first =
        DeadLetterReplay.run(
            fixed.spark,
            fixed.context(JobName.DESERIALIZE),
            BatchProcessors.forDataset(fixed.spark, fixed.dataset),
            Optional.empty());

    assertThat(first).isEqualTo(new DeadLetterReplay.Result(3, 2, 1));
    assertThat(fixed.table(TableLayer.BRONZE).collectAsList())
        .extracting(
            r -> r.<String>getAs("sensor_id"),
            r -> r.<Row>getAs("_source").<Long>getAs("offset") >= 0)
        .containsExactlyInAnyOrder(tuple("a", true), tuple("b", true), tuple("c", true));
    assertThat(fixed.table(TableLayer.DEAD_LETTER).where("replayed_at IS NOT NULL").count())
        .isEqualTo(2);
    assertThat(
            fixed
                .table(TableLayer.DEAD_LETTER)
                .where("replayed_at IS NULL")
                .first()
                .<String>getAs("error_class"))
        .isEqualTo("MALFORMED_JSON");
    long bronzeVersion =
        fixed.dataset.table(TableLayer.BRONZE).deltaTable(fixed.spark).history(1).head().getLong(0);
    long deadVersion =
        fixed
            .dataset
            .table(TableLayer.DEAD_LETTER)
            .deltaTable(fixed.spark)
            .history(1)
            .head()
            .getLong(0);

    DeadLetterReplay.Result second =
        DeadLetterReplay.run(
            fixed.spark,
            fixed.context(JobName.DESERIALIZE),
            BatchProcessors.forDataset(fixed.spark, fixed.dataset),
            Optional.empty());

    assertThat(second).isEqualTo(new DeadLetterReplay.Result(1, 0, 1));
    assertThat(
            fixed
                .dataset
                .table(TableLayer.BRONZE)
                .deltaTable(fixed.spark)
                .history(1)
                .head()
                .getLong(0))
        .isEqualTo(bronzeVersion);
    assertThat(
            fixed
                .dataset
                .table(TableLayer.DEAD_LETTER)
                .deltaTable(fixed.spark)
                .history(1)
                .head()
                .getLong(0))
        .isEqualTo(deadVersion);

    fixed.run(JobName.MERGE);
    assertThat(fixed.table(TableLayer.GOLD).collectAsList())
        .extracting(r -> r.<String>getAs("sensor_id"))
        .containsExactlyInAnyOrder("a", "b", "c");
  }

  /**
   * A dead letter deserialize appends while a replay runs is neither appended nor marked by it; a
   * replay that dies between its bronze append and its marking, run again, lands each dead letter
   * in bronze once; and a replay is refused while deserialize holds the checkpoint.
   */
  @Test
  void replayWorksOnOneVersionOfTheDeadLettersSurvivesACrashAndYieldsToARunningJob()
      throws Exception {
    Pipeline strict = new Pipeline(lake, STRICT);
    strict.produce(
        List.of(
            strict.record(key("a"), json("a", 1.0, "C", "10:00:00.000")),
            strict.record(key("b"), json("b", 2.0, null, "10:00:00.000")),
            strict.record(key("x"), "{broken")));
    strict.runAll();
    Pipeline fixed = strict.redeployed(lake, yaml -> yaml);
    TableRef deadLetters = fixed.dataset.table(TableLayer.DEAD_LETTER);
    // while the first replay runs, deserialize dead-letters another reading without a unit
    FaultPoints.onReach(
        DeadLetterReplay.AFTER_BRONZE,
        () ->
            deadLetters.append(
                fixed
                    .table(TableLayer.DEAD_LETTER)
                    .where("cast(value as string) like '%\"b\"%'")
                    .withColumn("offset", lit(999L))
                    .write()));
    try {
      assertThat(replay(fixed)).isEqualTo(new DeadLetterReplay.Result(2, 1, 1));
    } finally {
      FaultPoints.disarmAll();
    }
    assertThat(marked(fixed, 999)).as("appended during the replay: not marked").isFalse();
    assertThat(inBronze(fixed, 999)).as("nor appended").isZero();

    FaultPoints.arm(DeadLetterReplay.AFTER_BRONZE);
    assertThatThrownBy(() -> replay(fixed)).hasStackTraceContaining("injected fault");
    assertThat(inBronze(fixed, 999)).as("appended before the crash").isEqualTo(1);
    assertThat(marked(fixed, 999)).as("not yet marked").isFalse();

    assertThat(replay(fixed)).isEqualTo(new DeadLetterReplay.Result(2, 1, 1));
    assertThat(inBronze(fixed, 999)).as("once, after the repeat").isEqualTo(1);
    assertThat(marked(fixed, 999)).isTrue();
    assertThat(fixed.count(TableLayer.BRONZE)).isEqualTo(3); // a, b, and b again at offset 999

    fixed.spark.conf().set("spark.splitflow.checkpoint-lock.heartbeat-seconds", "1");
    try (CheckpointLock running =
        JobRunner.lock(fixed.spark, fixed.context(JobName.DESERIALIZE), "deserialize-job")) {
      assertThatThrownBy(() -> replay(fixed))
          .isInstanceOf(CheckpointLock.CheckpointInUseException.class)
          .hasMessageContaining("deserialize-job for dataset " + fixed.dataset.name())
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
      assertThat(
              DeadLetterReplay.runUnlocked(
                  fixed.spark,
                  fixed.context(JobName.DESERIALIZE),
                  BatchProcessors.forDataset(fixed.spark, fixed.dataset),
                  Optional.empty()))
          .as("--force")
          .isEqualTo(new DeadLetterReplay.Result(1, 0, 1));
    } finally {
      fixed.spark.conf().unset("spark.splitflow.checkpoint-lock.heartbeat-seconds");
    }
  }

  private static DeadLetterReplay.Result replay(Pipeline p) {
    return DeadLetterReplay.run(
        p.spark,
        p.context(JobName.DESERIALIZE),
        BatchProcessors.forDataset(p.spark, p.dataset),
        Optional.empty());
  }

  private static boolean marked(Pipeline p, long offset) {
    return p.table(TableLayer.DEAD_LETTER).where("offset = " + offset).first().getAs("replayed_at")
        != null;
  }

  private static long inBronze(Pipeline p, long offset) {
    return p.table(TableLayer.BRONZE).where("_source.offset = " + offset).count();
  }
}
