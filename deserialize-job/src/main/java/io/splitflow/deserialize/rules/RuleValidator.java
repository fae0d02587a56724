package io.splitflow.deserialize.rules;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a rule's condition by analysing it, exactly as {@link RuleSet#evaluate} will project it,
 * over an empty DataFrame of the rows' schema: Spark resolves names and types without running a
 * job.
 */
final class RuleValidator {
  private final Dataset<Row> empty;

  RuleValidator(SparkSession spark, StructType schema) {
    this.empty = spark.createDataFrame(List.of(), schema);
  }

  Column parse(String rule, String what, String sql) {
    try {
      return functions.expr(sql);
    } catch (Exception e) { // a ParseException, where Spark parses eagerly
      throw classify(rule, what, e);
    }
  }

  void check(String rule, String what, Column condition) {
    Dataset<Row> probe;
    try {
      probe = empty.select(col("*"), condition);
    } catch (Exception e) { // AnalysisException is checked, and Spark throws it undeclared
      throw classify(rule, what, e);
    }
    // a Generate or Window node under the projection would change or reorder the rows
    LogicalPlan plan = probe.queryExecution().analyzed();
    if (!(plan instanceof Project project && project.child() instanceof LocalRelation)) {
      throw RuleErrors.notRowWise(rule, what, null);
    }
    StructField[] fields = probe.schema().fields();
    StructField result = fields[fields.length - 1];
    if (!result.dataType().equals(DataTypes.BooleanType)) {
      throw RuleErrors.notBoolean(rule, what, result.dataType().simpleString());
    }
  }

  private static RuleException classify(String rule, String what, Exception e) {
    if (e instanceof ParseException) {
      return RuleErrors.unparsable(rule, what, RuleErrors.firstLine(e), e);
    }
    if (e instanceof AnalysisException analysis && analysis.getCondition() != null) {
      String condition = analysis.getCondition();
      Map<String, String> parameters = analysis.getMessageParameters();
      if (condition.startsWith("UNRESOLVED_COLUMN")) {
        String proposal = parameters.get("proposal");
        String suggestion = proposal == null ? null : unquote(proposal.split(", ")[0]);
        return RuleErrors.unknownColumn(
            rule, what, unquote(parameters.get("objectName")), suggestion, e);
      }
      if (condition.startsWith("AMBIGUOUS_REFERENCE")) {
        return RuleErrors.ambiguousColumn(rule, what, unquote(parameters.get("name")), e);
      }
      if (condition.startsWith("MISSING_GROUP_BY") || condition.startsWith("MISSING_AGGREGATION")) {
        return RuleErrors.notRowWise(rule, what, e);
      }
    }
    return RuleErrors.invalid(rule, what, RuleErrors.firstLine(e), e);
  }

  private static String unquote(String identifier) {
    return identifier == null ? "?" : identifier.replace("`", "");
  }
}
