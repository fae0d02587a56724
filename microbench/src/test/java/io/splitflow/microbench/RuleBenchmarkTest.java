package io.splitflow.microbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.deserialize.rules.RuleColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rule benchmarks flag exactly the rows that break the rules, as the job would. */
class RuleBenchmarkTest {
  private static final RuleBenchmark BENCH = new RuleBenchmark();

  @BeforeAll
  static void setUp() {
    BENCH.setUp();
  }

  @AfterAll
  static void tearDown() {
    BENCH.tearDown();
  }

  @Test
  void sqlRulesFlagTheRowsThatBreakThem() {
    List<Map<String, List<String>>> flagged = evaluate(BENCH::sqlRules, BENCH.sqlRulesSchema());
    List<Map<String, List<String>>> expected = new ArrayList<>();
    for (Row row : BENCH.rows()) {
      expected.add(expected(row, false));
    }
    assertThat(flagged).isEqualTo(expected);
    assertThat(flagged.stream().filter(f -> !f.get(RuleColumns.FAILED_RULES).isEmpty()).count())
        .isGreaterThan(50L);
  }

  @Test
  void javaRuleFlagsTheSensorsOutsideTheFleetToo() {
    List<Map<String, List<String>>> flagged =
        evaluate(BENCH::sqlAndJavaRules, BENCH.sqlAndJavaRulesSchema());
    List<Map<String, List<String>>> expected = new ArrayList<>();
    for (Row row : BENCH.rows()) {
      expected.add(expected(row, true));
    }
    assertThat(flagged).isEqualTo(expected);
  }

  /** The four rule columns of every row, one cycle of the benchmark. */
  private static List<Map<String, List<String>>> evaluate(
      Supplier<UnsafeRow> bench, StructType schema) {
    List<Map<String, List<String>>> flagged = new ArrayList<>();
    for (int i = 0; i < BENCH.rows().size(); i++) {
      UnsafeRow row = bench.get();
      flagged.add(
          Map.of(
              RuleColumns.FAILED_RULES, names(row, schema, RuleColumns.FAILED_RULES),
              RuleColumns.DROPPED_BY, names(row, schema, RuleColumns.DROPPED_BY),
              RuleColumns.WARNED_RULES, names(row, schema, RuleColumns.WARNED_RULES),
              RuleColumns.FAIL_RULES, names(row, schema, RuleColumns.FAIL_RULES)));
    }
    return flagged;
  }

  private static List<String> names(UnsafeRow row, StructType schema, String column) {
    ArrayData array = row.getArray(schema.fieldIndex(column));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < array.numElements(); i++) {
      names.add(array.getUTF8String(i).toString());
    }
    return names;
  }

  private static Map<String, List<String>> expected(Row row, boolean withJavaRule) {
    boolean badValue = Double.valueOf(RuleBenchmark.OUT_OF_RANGE).equals(row.get(2));
    boolean badUnit = RuleBenchmark.UNKNOWN_UNIT.equals(row.get(3));
    boolean badSensor = RuleBenchmark.MALFORMED_SENSOR.equals(row.get(0));
    List<String> warned = new ArrayList<>();
    if (badUnit) {
      warned.add("known_unit");
    }
    if (badSensor && withJavaRule) {
      warned.add("in_fleet");
    }
    return Map.of(
        RuleColumns.FAILED_RULES,
        badValue ? List.of("value_in_range") : List.of(),
        RuleColumns.DROPPED_BY,
        badSensor ? List.of("sensor_id_format") : List.of(),
        RuleColumns.WARNED_RULES,
        warned,
        RuleColumns.FAIL_RULES,
        List.of());
  }
}
