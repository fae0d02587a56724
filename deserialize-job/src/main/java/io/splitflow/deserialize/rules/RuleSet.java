package io.splitflow.deserialize.rules;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A dataset's business rules, checked against the schema of the rows they will see and evaluated as
 * columns, all in one projection.
 *
 * <p>A row fails a rule when the rule's condition is false <em>or NULL</em>: a NULL is not a pass,
 * so {@code value BETWEEN -80 AND 200} fails a row whose {@code value} is null. Write {@code value
 * IS NULL OR value BETWEEN -80 AND 200} to let nulls through.
 *
 * <p>A row that fails rules of several actions is handled by the strongest: {@code fail >
 * dead-letter > drop > warn} (see {@link RuleResult}).
 *
 * <p>Rules run under the session's SQL settings, ANSI mode included: an expression that raises an
 * error on some row ({@code CAST(unit AS INT)} on {@code 'kg'}, a division by zero) fails the whole
 * batch, and the batch fails again on every restart. Write such rules with {@code try_cast}, {@code
 * try_divide} and the like, which return NULL, and NULL fails the rule.
 */
public final class RuleSet {
  private final List<CompiledRule> rules;

  private RuleSet(List<CompiledRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** {@link #compile(SparkSession, List, StructType)} in the active session. */
  public static RuleSet compile(List<RuleSpec> specs, StructType schema) {
    return compile(SparkSession.active(), specs, schema);
  }

  /**
   * Checks every rule against {@code schema}, the rows' columns (the dataset's typed fields, other
   * columns allowed), without running a Spark job.
   *
   * @throws RuleException naming the first rule that does not parse, names an unknown column, is
   *     not a boolean, is not row-wise, or whose Java class cannot be used; or a duplicate name
   */
  public static RuleSet compile(SparkSession spark, List<RuleSpec> specs, StructType schema) {
    Map<String, Long> uses =
        specs.stream().collect(Collectors.groupingBy(RuleSpec::name, Collectors.counting()));
    for (RuleSpec spec : specs) {
      if (uses.get(spec.name()) > 1) {
        throw RuleErrors.duplicate(spec.name(), uses.get(spec.name()));
      }
    }
    for (String field : schema.fieldNames()) {
      for (String column : RuleColumns.ALL) {
        if (field.equalsIgnoreCase(column)) { // Spark resolves names case-insensitively
          throw RuleErrors.reservedColumn(field);
        }
      }
    }
    RuleValidator validator = new RuleValidator(spark, schema);
    List<CompiledRule> compiled = new ArrayList<>();
    for (RuleSpec spec : specs) {
      boolean sql = spec.expr() != null;
      String what = sql ? "expression '" + spec.expr() + "'" : "class " + spec.className();
      Column condition =
          sql
              ? validator.parse(spec.name(), what, spec.expr())
              : JavaRules.condition(spec.name(), spec.className());
      validator.check(spec.name(), what, condition);
      compiled.add(
          new CompiledRule(
              spec.name(), spec.action(), condition, sql ? spec.expr() : spec.className()));
    }
    return new RuleSet(compiled);
  }

  /**
   * The rows with the four {@link RuleColumns} added in one projection; every other column passes
   * through untouched. Nothing runs until the result is used.
   */
  public RuleResult evaluate(Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    columns.add(col("*"));
    for (RuleAction action : RuleAction.values()) {
      columns.add(failures(action).as(RuleColumns.of(action)));
    }
    return new RuleResult(this, rows.select(columns.toArray(Column[]::new)));
  }

  /** The names of the rules with {@code action} that the row failed, in rule order. */
  private Column failures(RuleAction action) {
    Column[] failed =
        rules.stream()
            .filter(rule -> rule.action() == action)
            .map(rule -> when(not(coalesce(rule.condition(), lit(false))), lit(rule.name())))
            .toArray(Column[]::new);
    return failed.length == 0
        ? array().cast(DataTypes.createArrayType(DataTypes.StringType))
        : array_compact(array(failed));
  }

  /** The rule names, in configuration order. */
  public List<String> names() {
    return rules.stream().map(CompiledRule::name).toList();
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  List<CompiledRule> rules() {
    return rules;
  }

  List<CompiledRule> rules(RuleAction action) {
    return rules.stream().filter(rule -> rule.action() == action).toList();
  }
}
