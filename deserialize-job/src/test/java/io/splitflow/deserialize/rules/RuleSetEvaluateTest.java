package io.splitflow.deserialize.rules;

import static io.splitflow.deserialize.rules.Readings.offsets;
import static io.splitflow.deserialize.rules.Readings.reading;
import static io.splitflow.deserialize.rules.RuleAction.DEAD_LETTER;
import static io.splitflow.deserialize.rules.RuleAction.DROP;
import static io.splitflow.deserialize.rules.RuleAction.FAIL;
import static io.splitflow.deserialize.rules.RuleAction.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.junit.jupiter.api.Test;

/** Which rows are kept, dead-lettered or dropped, and what the rule columns say about them. */
class RuleSetEvaluateTest {
  private static final RuleSpec IN_RANGE =
      RuleSpec.sql("value_in_range", "reading BETWEEN -80 AND 200", DEAD_LETTER);
  private static final RuleSpec NAMED =
      RuleSpec.sql("sensor_named", "sensor_id LIKE 's-%'", DEAD_LETTER);

  @Test
  void rowFailingTwoDeadLetterRulesListsBothInRuleOrder() {
    RuleResult result =
        Readings.compile(IN_RANGE, NAMED)
            .evaluate(Readings.of(reading("s-1", 20.0, 0), reading("bogus", 999.0, 1)));

    List<Row> dead = result.deadLettered().collectAsList();

    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).getList(dead.get(0).fieldIndex(RuleColumns.FAILED_RULES)))
        .containsExactly("value_in_range", "sensor_named");
    assertThat(offsets(result.kept())).containsExactly(0L);
  }

  @Test
  void ruleThatEvaluatesToNullCountsAsFailed() {
    RuleResult result =
        Readings.compile(IN_RANGE)
            .evaluate(Readings.of(reading("s-1", null, 0), reading("s-2", 20.0, 1)));

    assertThat(offsets(result.deadLettered())).containsExactly(0L);
    assertThat(offsets(result.kept())).containsExactly(1L);
  }

  @Test
  void droppedRowsAreNeitherKeptNorDeadLettered() {
    RuleResult result =
        Readings.compile(RuleSpec.sql("not_a_test_sensor", "sensor_id <> 's-test'", DROP))
            .evaluate(Readings.of(reading("s-test", 1.0, 0), reading("s-1", 1.0, 1)));

    assertThat(offsets(result.kept())).containsExactly(1L);
    assertThat(result.deadLettered().collectAsList()).isEmpty();
    assertThat(result.computeCounts().dropped()).isEqualTo(1);
  }

  @Test
  void warnedRowsAreKeptAndCounted() {
    RuleResult result =
        Readings.compile(RuleSpec.sql("plausible", "reading < 60", WARN))
            .evaluate(Readings.of(reading("s-1", 75.0, 0), reading("s-2", 20.0, 1)));

    assertThat(offsets(result.kept())).containsExactly(0L, 1L);
    assertThat(result.computeCounts().warned()).isEqualTo(1);
    assertThat(result.computeCounts().failed("plausible")).isEqualTo(1);
  }

  @Test
  void failBeatsDeadLetterBeatsDropBeatsWarn() {
    // row n fails every rule whose threshold is above n: row 1 fails all four, row 5 none
    RuleResult result =
        Readings.compile(
                RuleSpec.sql("stop", "offset > 1", FAIL),
                RuleSpec.sql("set_aside", "offset > 2", DEAD_LETTER),
                RuleSpec.sql("discard", "offset > 3", DROP),
                RuleSpec.sql("flag", "offset > 4", WARN))
            .evaluate(
                Readings.of(
                    reading("s-1", 1.0, 1),
                    reading("s-2", 1.0, 2),
                    reading("s-3", 1.0, 3),
                    reading("s-4", 1.0, 4),
                    reading("s-5", 1.0, 5)));

    assertThat(offsets(result.deadLettered())).containsExactly(2L);
    assertThat(offsets(result.kept())).containsExactly(4L, 5L);
    assertThat(result.computeCounts())
        .isEqualTo(
            new RuleCounts(
                2,
                1,
                1,
                1,
                1,
                java.util.Map.of("stop", 1L, "set_aside", 2L, "discard", 3L, "flag", 4L)));
  }

  @Test
  void otherColumnsPassThroughUntouched() {
    Dataset<Row> rows = Readings.of(reading("s-1", 20.0, 0), reading("s-2", 999.0, 1));
    RuleResult result = Readings.compile(IN_RANGE).evaluate(rows);

    assertThat(result.kept().schema()).isEqualTo(rows.schema());
    assertThat(result.deadLettered().schema().fieldNames())
        .containsExactly("key", "value", "sensor_id", "reading", "offset", "_failed_rules");
    Row kept = result.kept().first();
    Row dead = result.deadLettered().first();
    assertThat(Readings.text(kept, "key")).isEqualTo("s-1");
    assertThat(Readings.text(kept, "value")).isEqualTo("{\"sensor_id\":\"s-1\",\"reading\":20.0}");
    assertThat(Readings.text(dead, "value")).isEqualTo("{\"sensor_id\":\"s-2\",\"reading\":999.0}");
  }

  @Test
  void evaluationIsOneProjectionOverTheInput() {
    Dataset<Row> rows = Readings.of(reading("s-1", 20.0, 0));
    RuleResult result =
        Readings.compile(
                IN_RANGE,
                NAMED,
                RuleSpec.sql("stop", "offset >= 0", FAIL),
                RuleSpec.java("known", TestRules.KnownSensor.class.getName(), WARN))
            .evaluate(rows);

    LogicalPlan plan = result.evaluated().queryExecution().analyzed();

    assertThat(plan).isInstanceOf(Project.class);
    assertThat(((Project) plan).child()).isEqualTo(rows.queryExecution().analyzed());
    assertThat(result.evaluated().schema().fieldNames())
        .endsWith("_failed_rules", "_dropped_by", "_warned_rules", "_fail_rules");
  }

  @Test
  void deadLetterMessageNamesTheFailedRulesAndWhatTheyCheck() {
    RuleResult result =
        Readings.compile(IN_RANGE, NAMED).evaluate(Readings.of(reading("bogus", 999.0, 0)));

    assertThat(result.deadLettered().select(result.deadLetterMessage()).first().getString(0))
        .isEqualTo(
            "failed rules: value_in_range [reading BETWEEN -80 AND 200],"
                + " sensor_named [sensor_id LIKE 's-%']");
  }

  @Test
  void noRulesKeepEveryRow() {
    RuleResult result =
        Readings.compile().evaluate(Readings.of(reading("s-1", 1.0, 0), reading("x", null, 1)));

    assertThat(offsets(result.kept())).containsExactly(0L, 1L);
    assertThat(result.computeCounts()).isEqualTo(new RuleCounts(2, 0, 0, 0, 0, java.util.Map.of()));
  }
}
