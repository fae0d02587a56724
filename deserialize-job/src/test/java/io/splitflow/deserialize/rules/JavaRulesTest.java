package io.splitflow.deserialize.rules;

import static io.splitflow.deserialize.rules.Readings.reading;
import static io.splitflow.deserialize.rules.RuleAction.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Java rules are created by class name, checked like SQL rules, and evaluated as columns. */
class JavaRulesTest {
  private static final String PREFIX = "io.splitflow.deserialize.rules.TestRules$";

  @Test
  void javaRuleIsEvaluatedInTheSameProjectionAsSqlRules() {
    RuleSet rules =
        Readings.compile(
            RuleSpec.java("known_sensor", TestRules.KnownSensor.class.getName(), WARN),
            RuleSpec.sql("positive", "reading > 0", WARN));

    List<Row> rows =
        rules
            .evaluate(
                Readings.of(
                    reading("s-1", 1.0, 0), reading("bogus", 1.0, 1), reading("s-0", -1.0, 2)))
            .evaluated()
            .orderBy("offset")
            .collectAsList();

    assertThat(rows)
        .extracting(r -> r.getList(r.fieldIndex(RuleColumns.WARNED_RULES)))
        .containsExactly(List.of(), List.of("known_sensor"), List.of("known_sensor", "positive"));
  }

  @Test
  void missingClassNamesTheRuleAndTheClass() {
    assertThatThrownBy(
            () -> Readings.compile(RuleSpec.java("known_sensor", "com.acme.KnownSensorRule", WARN)))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules.known_sensor: class com.acme.KnownSensorRule was not found; check the name and"
                + " put the jar that holds it on the job's class path (spark-submit --jars)");
  }

  @Test
  void classThatIsNotABronzeRuleIsRejected() {
    assertThatThrownBy(
            () -> Readings.compile(RuleSpec.java("known_sensor", PREFIX + "NotARule", WARN)))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules.known_sensor: class "
                + PREFIX
                + "NotARule does not implement io.splitflow.deserialize.rules.BronzeRule;"
                + " implement it, or write the rule as an expr");
  }

  @Test
  void constructorFailureNamesTheRuleTheClassAndTheCause() {
    assertThatThrownBy(
            () ->
                Readings.compile(
                    RuleSpec.java("known_sensor", PREFIX + "FailingConstructor", WARN)))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules.known_sensor: class "
                + PREFIX
                + "FailingConstructor cannot be created: its constructor threw"
                + " java.lang.IllegalStateException: no sensor registry configured")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void classWithoutANoArgumentConstructorIsRejected() {
    assertThatThrownBy(
            () -> Readings.compile(RuleSpec.java("known_sensor", PREFIX + "NeedsArgument", WARN)))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules.known_sensor: class "
                + PREFIX
                + "NeedsArgument cannot be created: it has no public no-argument constructor;"
                + " add one");
  }

  @Test
  void javaRuleConditionIsCheckedAgainstTheSchemaLikeSql() {
    assertThatThrownBy(
            () -> Readings.compile(RuleSpec.java("known_sensor", PREFIX + "UnknownColumn", WARN)))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rules.known_sensor: class "
                + PREFIX
                + "UnknownColumn names an unknown column: sensor; did you mean sensor_id?");
    assertThatThrownBy(
            () -> Readings.compile(RuleSpec.java("known_sensor", PREFIX + "NotBoolean", WARN)))
        .hasMessageStartingWith(
            "rules.known_sensor: class "
                + PREFIX
                + "NotBoolean is a string expression, not a boolean");
  }
}
