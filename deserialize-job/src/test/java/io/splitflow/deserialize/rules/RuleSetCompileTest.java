package io.splitflow.deserialize.rules;

import static io.splitflow.deserialize.rules.RuleAction.DEAD_LETTER;
import static io.splitflow.deserialize.rules.RuleAction.DROP;
import static io.splitflow.deserialize.rules.RuleAction.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.testing.SparkTestSession;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** SQL rules are checked against the rows' schema before any row is read. */
class RuleSetCompileTest {
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void expressionThatDoesNotParseNamesTheRuleAndSparksReason() {
    assertThatThrownBy(
            () -> Readings.compile(RuleSpec.sql("value_in_range", "reading BETWEEN -80 AND", DROP)))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules.value_in_range: expression 'reading BETWEEN -80 AND' does not parse:"
                + " [PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601"
                + " (line 1, pos 23)");
  }

  @Test
  void expressionNamingAnUnknownColumnNamesTheColumnAndTheClosestOne() {
    assertThatThrownBy(
            () ->
                Readings.compile(
                    RuleSpec.sql("value_in_range", "readin BETWEEN -80 AND 200", DEAD_LETTER)))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules.value_in_range: expression 'readin BETWEEN -80 AND 200' names an unknown"
                + " column: readin; did you mean reading?");
  }

  @Test
  void expressionThatIsNotBooleanNamesItsType() {
    assertThatThrownBy(() -> Readings.compile(RuleSpec.sql("has_id", "sensor_id", WARN)))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules.has_id: expression 'sensor_id' is a string expression, not a boolean; a rule is"
                + " a condition that is true for rows that pass");
    assertThatThrownBy(() -> Readings.compile(RuleSpec.sql("next", "offset + 1", WARN)))
        .hasMessageStartingWith("rules.next: expression 'offset + 1' is a bigint expression");
  }

  @Test
  void expressionsThatDoNotLookAtOneRowAtATimeAreRejected() {
    for (String sql :
        List.of(
            "max(reading) > 0",
            "explode(array(true, false))",
            "row_number() OVER (ORDER BY offset) = 1")) {
      assertThatThrownBy(() -> Readings.compile(RuleSpec.sql("odd", sql, WARN)))
          .isInstanceOf(RuleException.class)
          .hasMessage(
              "rules.odd: expression '"
                  + sql
                  + "' does not look at one row at a time; aggregate, window and generator"
                  + " functions (max, row_number() OVER, explode) cannot be used in a rule");
    }
  }

  @Test
  void otherAnalysisErrorsCarrySparksFirstLine() {
    assertThatThrownBy(() -> Readings.compile(RuleSpec.sql("odd", "no_such_fn(reading)", WARN)))
        .isInstanceOf(RuleException.class)
        .hasMessageStartingWith(
            "rules.odd: expression 'no_such_fn(reading)' is not valid: [UNRESOLVED_ROUTINE]")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void columnTheRowsHaveTwiceIsNamedAsAmbiguous() {
    // raw columns and business fields side by side: the raw value bytes and a "value" field
    assertThatThrownBy(
            () ->
                RuleSet.compile(
                    spark,
                    List.of(RuleSpec.sql("value_in_range", "value BETWEEN -80 AND 200", DROP)),
                    Readings.SCHEMA.add("value", DataTypes.DoubleType)))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules.value_in_range: expression 'value BETWEEN -80 AND 200' names column value,"
                + " which the rows have more than once (a raw column and a field of the same"
                + " name?); the rows given to the rules need unique column names");
  }

  @Test
  void duplicateRuleNamesAreRejected() {
    assertThatThrownBy(
            () ->
                Readings.compile(
                    RuleSpec.sql("in_range", "reading > -80", DROP),
                    RuleSpec.sql("in_range", "reading < 200", DROP)))
        .isInstanceOf(RuleException.class)
        .hasMessage("rules.in_range: the name is used by 2 rules; give each rule its own name");
  }

  @Test
  void rowsThatAlreadyHaveARuleColumnAreRejected() {
    assertThatThrownBy(
            () ->
                RuleSet.compile(
                    List.of(RuleSpec.sql("in_range", "reading > -80", DROP)),
                    Readings.SCHEMA.add(
                        RuleColumns.FAILED_RULES, DataTypes.createArrayType(DataTypes.StringType))))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules: the rows already have a column _failed_rules, which evaluating the rules adds;"
                + " rename or drop it first");
  }

  @Test
  void compilingRunsNoSparkJob() throws Exception {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart jobStart) {
            jobs.incrementAndGet();
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      // the active session, as in the job
      RuleSet rules =
          RuleSet.compile(
              List.of(
                  RuleSpec.sql("value_in_range", "reading BETWEEN -80 AND 200", DEAD_LETTER),
                  RuleSpec.sql("sensor_named", "sensor_id RLIKE '^s-[0-9]+$'", WARN),
                  RuleSpec.java("known_sensor", TestRules.KnownSensor.class.getName(), WARN)),
              Readings.SCHEMA);
      spark.sparkContext().listenerBus().waitUntilEmpty();

      assertThat(rules.names()).containsExactly("value_in_range", "sensor_named", "known_sensor");
      assertThat(jobs).hasValue(0);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}
