package io.splitflow.deserialize.rules;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows with their rule failures ({@link #evaluated()}), and the views the job writes from them.
 * Each row has one fate, by precedence {@code fail > dead-letter > drop > warn}: a row that failed
 * a fail rule stops the batch ({@link #checkFailRules}); otherwise one that failed a dead-letter
 * rule is dead-lettered, even if it also failed drop rules; otherwise one that failed a drop rule
 * is dropped; every other row is kept, warned or not.
 *
 * <p>Everything here is lazy and reads {@link #evaluated()}. Persist it before calling {@link
 * #checkFailRules}, {@link #computeCounts} and writing {@link #kept()} and {@link #deadLettered()},
 * so the rules run once per row, and unpersist it after the writes.
 */
public final class RuleResult {
  private static final Column FAILING = nonEmpty(RuleColumns.FAIL_RULES);
  private static final Column DEAD_LETTERED = not(FAILING).and(nonEmpty(RuleColumns.FAILED_RULES));
  private static final Column DROPPED =
      not(FAILING.or(nonEmpty(RuleColumns.FAILED_RULES))).and(nonEmpty(RuleColumns.DROPPED_BY));
  private static final Column KEPT =
      not(FAILING.or(nonEmpty(RuleColumns.FAILED_RULES)).or(nonEmpty(RuleColumns.DROPPED_BY)));
  private static final Column WARNED = KEPT.and(nonEmpty(RuleColumns.WARNED_RULES));
  private static final List<Column> FATES = List.of(KEPT, DEAD_LETTERED, DROPPED, WARNED, FAILING);

  private final RuleSet rules;
  private final Dataset<Row> evaluated;

  RuleResult(RuleSet rules, Dataset<Row> evaluated) {
    this.rules = rules;
    this.evaluated = evaluated;
  }

  /** The input rows, every column untouched, plus the four {@link RuleColumns}. */
  public Dataset<Row> evaluated() {
    return evaluated;
  }

  /** The rows for bronze, warned ones included, with exactly the input's columns. */
  public Dataset<Row> kept() {
    return evaluated.where(KEPT).drop(RuleColumns.ALL.toArray(String[]::new));
  }

  /**
   * The rows for the dead-letter table: the input's columns plus {@value RuleColumns#FAILED_RULES},
   * every dead-letter rule the row failed, in rule order.
   */
  public Dataset<Row> deadLettered() {
    return evaluated
        .where(DEAD_LETTERED)
        .drop(RuleColumns.DROPPED_BY, RuleColumns.WARNED_RULES, RuleColumns.FAIL_RULES);
  }

  /**
   * A dead-letter {@code error_message} for rows of {@link #deadLettered()}, e.g. {@code failed
   * rules: value_in_range [value BETWEEN -80 AND 200], known_sensor [com.acme.KnownSensorRule]}.
   */
  public Column deadLetterMessage() {
    List<Column> parts = new ArrayList<>();
    for (CompiledRule rule : rules.rules(RuleAction.DEAD_LETTER)) {
      parts.add(
          when(
              array_contains(col(RuleColumns.FAILED_RULES), rule.name()),
              lit(rule.name() + " [" + rule.source() + "]")));
    }
    // concat_ws skips the NULLs of the rules the row passed
    return concat(lit("failed rules: "), concat_ws(", ", parts.toArray(Column[]::new)));
  }

  /** Counts every rule and every fate in one aggregation over {@link #evaluated()}. */
  public RuleCounts computeCounts() {
    List<Column> aggregates = new ArrayList<>();
    for (Column fate : FATES) {
      aggregates.add(count_if(fate));
    }
    for (CompiledRule rule : rules.rules()) {
      aggregates.add(count_if(array_contains(col(RuleColumns.of(rule.action())), rule.name())));
    }
    Row counts = aggregate(aggregates);
    Map<String, Long> failedByRule = new LinkedHashMap<>();
    List<CompiledRule> all = rules.rules();
    for (int i = 0; i < all.size(); i++) {
      failedByRule.put(all.get(i).name(), counts.getLong(FATES.size() + i));
    }
    return new RuleCounts(
        counts.getLong(0),
        counts.getLong(1),
        counts.getLong(2),
        counts.getLong(3),
        counts.getLong(4),
        failedByRule);
  }

  /** {@link #checkFailRules(List)} without an example row. */
  public void checkFailRules() {
    checkFailRules(List.of());
  }

  /**
   * Stops the batch if any row failed a fail rule; call it before writing anything. Runs one
   * aggregation, none when there are no fail rules.
   *
   * @param keyColumns columns that identify a row (e.g. the merge keys and {@code offset}), shown
   *     for one failing row in the message
   * @throws RuleViolationException naming each fail rule that rows failed and how many did
   */
  public void checkFailRules(List<String> keyColumns) {
    List<CompiledRule> failRules = rules.rules(RuleAction.FAIL);
    if (failRules.isEmpty()) {
      return;
    }
    List<Column> aggregates = new ArrayList<>();
    for (CompiledRule rule : failRules) {
      aggregates.add(count_if(array_contains(col(RuleColumns.FAIL_RULES), rule.name())));
    }
    // one failing row's keys and fail rules, for the message
    List<Column> example = new ArrayList<>();
    keyColumns.forEach(key -> example.add(evaluated.col(key)));
    example.add(col(RuleColumns.FAIL_RULES));
    aggregates.add(first(when(FAILING, struct(example.toArray(Column[]::new))), true));
    Row result = aggregate(aggregates);
    Map<String, Long> failedRows = new LinkedHashMap<>();
    for (int i = 0; i < failRules.size(); i++) {
      if (result.getLong(i) > 0) {
        failedRows.put(failRules.get(i).name(), result.getLong(i));
      }
    }
    if (failedRows.isEmpty()) {
      return;
    }
    Row exampleRow = result.getStruct(failRules.size());
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < keyColumns.size(); i++) {
      keys.add(keyColumns.get(i) + "=" + text(exampleRow.get(i)));
    }
    List<String> exampleRules = exampleRow.getList(keyColumns.size());
    throw RuleErrors.violation(failedRows, keys, exampleRules);
  }

  private Row aggregate(List<Column> aggregates) {
    return evaluated
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .first();
  }

  private static String text(Object value) {
    return value instanceof byte[] bytes
        ? new String(bytes, StandardCharsets.UTF_8)
        : String.valueOf(value);
  }

  private static Column nonEmpty(String column) {
    return size(col(column)).gt(0);
  }
}
