package io.splitflow.deserialize.rules;

import static io.splitflow.deserialize.rules.Readings.reading;
import static io.splitflow.deserialize.rules.RuleAction.DEAD_LETTER;
import static io.splitflow.deserialize.rules.RuleAction.DROP;
import static io.splitflow.deserialize.rules.RuleAction.FAIL;
import static io.splitflow.deserialize.rules.RuleAction.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.testing.SparkTestSession;
import java.util.List;
import java.util.Map;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** Counts and fail rules: what the job reads from a batch before it writes anything. */
class RuleResultTest {
  private final RuleSpec countingWarn =
      RuleSpec.java("positive", TestRules.CountingRule.class.getName(), WARN);

  @Test
  void failRuleStopsTheBatchNamingTheRuleTheCountAndAnExampleRow() {
    RuleResult result =
        Readings.compile(RuleSpec.sql("has_reading", "reading IS NOT NULL", FAIL))
            .evaluate(Readings.of(reading("s-1", 1.0, 0), reading("s-2", null, 7)));

    assertThatThrownBy(() -> result.checkFailRules(List.of("sensor_id", "offset")))
        .isInstanceOf(RuleViolationException.class)
        .hasMessage(
            "fail rules stopped the batch: rules.has_reading failed 1 row (e.g. the row with"
                + " sensor_id=s-2, offset=7 failed has_reading); nothing of this batch was"
                + " written. To go on, fix the rule or set its action to dead-letter and restart:"
                + " the job re-runs this batch from its checkpoint");
  }

  @Test
  void failRulesReportEveryRuleThatRowsFailedWithItsCount() {
    RuleResult result =
        Readings.compile(
                RuleSpec.sql("has_reading", "reading IS NOT NULL", FAIL),
                RuleSpec.sql("known_prefix", "sensor_id LIKE 's-%'", FAIL),
                RuleSpec.sql("small_offset", "offset < 100", FAIL))
            .evaluate(
                Readings.of(
                    reading("s-1", null, 0), reading("x-2", null, 1), reading("s-3", 1.0, 2)));

    assertThatThrownBy(result::checkFailRules)
        .isInstanceOfSatisfying(
            RuleViolationException.class,
            e ->
                assertThat(e.failedRows())
                    .containsExactly(Map.entry("has_reading", 2L), Map.entry("known_prefix", 1L)))
        .hasMessageStartingWith(
            "fail rules stopped the batch: rules.has_reading failed 2 rows, rules.known_prefix"
                + " failed 1 row; nothing of this batch was written.");
  }

  @Test
  void failRulesThatEveryRowPassesLetTheBatchThrough() {
    RuleResult result =
        Readings.compile(RuleSpec.sql("has_reading", "reading IS NOT NULL", FAIL))
            .evaluate(Readings.of(reading("s-1", 1.0, 0)));

    assertThatCode(() -> result.checkFailRules(List.of("sensor_id"))).doesNotThrowAnyException();
  }

  @Test
  void countsComeFromOnePassOverTheRows() {
    TestRules.CountingRule.calls = SparkTestSession.get().sparkContext().longAccumulator();
    RuleResult result =
        Readings.compile(
                countingWarn,
                RuleSpec.sql("value_in_range", "reading BETWEEN -80 AND 200", DEAD_LETTER),
                RuleSpec.sql("not_test", "sensor_id <> 's-test'", DROP))
            .evaluate(
                Readings.of(
                    reading("s-1", 20.0, 0),
                    reading("s-2", -5.0, 1),
                    reading("s-3", 999.0, 2),
                    reading("s-test", 1.0, 3)));

    RuleCounts counts = result.computeCounts();

    assertThat(counts)
        .isEqualTo(
            new RuleCounts(
                2, 1, 1, 1, 0, Map.of("positive", 1L, "value_in_range", 1L, "not_test", 1L)));
    assertThat(counts.rows()).isEqualTo(4);
    assertThat(TestRules.CountingRule.calls.value()).isEqualTo(4);
  }

  @Test
  void persistedEvaluationRunsEachRuleOncePerRowForChecksCountsAndBothOutputs() {
    TestRules.CountingRule.calls = SparkTestSession.get().sparkContext().longAccumulator();
    RuleResult result =
        Readings.compile(
                countingWarn,
                RuleSpec.sql("value_in_range", "reading BETWEEN -80 AND 200", DEAD_LETTER),
                RuleSpec.sql("has_reading", "reading IS NOT NULL", FAIL))
            .evaluate(
                Readings.of(
                    reading("s-1", 20.0, 0), reading("s-2", -5.0, 1), reading("s-3", 999.0, 2)));
    result.evaluated().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      result.checkFailRules(List.of("sensor_id"));
      result.computeCounts();
      assertThat(result.kept().count()).isEqualTo(2);
      assertThat(result.deadLettered().count()).isEqualTo(1);

      assertThat(TestRules.CountingRule.calls.value()).isEqualTo(3);
    } finally {
      result.evaluated().unpersist();
    }
  }
}
