package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.tools.demo.Demo;
import io.splitflow.tools.demo.DemoSettings;
import io.splitflow.tools.demo.DemoSummary;
import io.splitflow.tools.generate.GeneratorSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo's own checks hold on a small run, and it leaves readable tables behind. */
@Timeout(600)
class DemoIT {
  @TempDir Path dir;

  @Test
  void demoPassesItsChecksAndAccountsForEveryRecord() throws Exception {
    DemoSummary summary =
        Demo.run(
            new DemoSettings(
                GeneratorSettings.defaults(4_000),
                DemoSettings.DemoFormat.JSON,
                2,
                Path.of("..", "conf", "local.yaml"),
                dir.resolve("lake"),
                java.util.List.of()));

    assertThat(summary.checks())
        .allSatisfy(
            check -> assertThat(check.passed()).as(check.name() + ": " + check.detail()).isTrue());
    assertThat(summary.raw()).isEqualTo(4_000);
    assertThat(summary.raw()).isEqualTo(summary.bronze() + summary.deadLetters());
    assertThat(summary.deadLettersByReason())
        .containsKeys("MALFORMED_JSON", "MISSING_FIELD", "WRONG_TYPE");
    assertThat(summary.gold()).isEqualTo(summary.expectedGold()).isPositive();
    assertThat(summary.jobs())
        .extracting(DemoSummary.JobTiming::job)
        .containsExactly("ingest", "deserialize", "merge");
    assertThat(summary.goldSample()).hasSize(5);
  }

  @Test
  void avroConfluentDemoDecodesEvolvedWritersAndDeadLettersBrokenFraming() throws Exception {
    DemoSummary summary =
        Demo.run(
            new DemoSettings(
                GeneratorSettings.defaults(3_000),
                DemoSettings.DemoFormat.AVRO_CONFLUENT,
                2,
                Path.of("..", "conf", "local.yaml"),
                dir.resolve("avro-lake"),
                java.util.List.of()));

    assertThat(summary.checks())
        .allSatisfy(
            check -> assertThat(check.passed()).as(check.name() + ": " + check.detail()).isTrue());
    assertThat(summary.deadLettersByReason())
        .containsOnlyKeys("MALFORMED_AVRO", "BAD_MAGIC_BYTE", "UNKNOWN_SCHEMA_ID");
  }

  @Test
  void ordersDemoChecksNestedGoldValueForValue() throws Exception {
    DemoSummary summary =
        Demo.run(
            new DemoSettings(
                GeneratorSettings.defaults(800),
                DemoSettings.DemoFormat.ORDERS_JSON,
                2,
                Path.of("..", "conf", "orders.yaml"),
                dir.resolve("orders-lake"),
                java.util.List.of()));

    assertThat(summary.checks())
        .allSatisfy(
            check -> assertThat(check.passed()).as(check.name() + ": " + check.detail()).isTrue());
    assertThat(summary.checks())
        .extracting(DemoSummary.Check::name)
        .contains("gold = newest valid version per order, value for value");
    assertThat(summary.deadLettersByReason())
        .containsOnlyKeys("MALFORMED_JSON", "MISSING_FIELD", "WRONG_TYPE", "OUT_OF_RANGE");
    assertThat(summary.gold()).isEqualTo(summary.expectedGold()).isGreaterThan(150);
  }
}
