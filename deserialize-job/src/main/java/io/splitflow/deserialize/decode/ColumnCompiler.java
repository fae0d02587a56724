package io.splitflow.deserialize.decode;

import io.splitflow.common.config.ComputedColumn;
import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Unevaluable;
import org.apache.spark.sql.catalyst.optimizer.ReplaceExpressions$;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Compiles a dataset's computed columns on the driver at start: each expression is analysed over an
 * empty DataFrame of the decoded fields and {@code _kafka}, cast to the column's declared type, so
 * that a bad expression stops the job before any table is touched, naming its key.
 */
public final class ColumnCompiler {
  /** The struct of Kafka metadata the expressions see. */
  public static final String KAFKA = "_kafka";

  private final SparkSession spark;
  private final DatasetConfig dataset;

  private ColumnCompiler(SparkSession spark, DatasetConfig dataset) {
    this.spark = spark;
    this.dataset = dataset;
  }

  /** The dataset's computed columns; {@link ComputedColumns#NONE} without any. */
  public static ComputedColumns compile(SparkSession spark, DatasetConfig dataset) {
    if (dataset.columns().isEmpty()) {
      return ComputedColumns.NONE;
    }
    return new ColumnCompiler(spark, dataset).compile();
  }

  /** {@code _kafka}: the raw columns of the record's Kafka message, but its value. */
  public static StructType kafkaType() {
    // the raw table's own columns, so the two cannot drift apart
    StructType raw = TableSchemas.raw();
    StructType kafka = new StructType();
    for (String column : List.of("key", "topic", "partition", "offset", "timestamp", "headers")) {
      kafka = kafka.add(raw.apply(column));
    }
    return kafka;
  }

  private ComputedColumns compile() {
    StructType inputType = SparkTypes.struct(dataset.decodedFields()).add(KAFKA, kafkaType());
    Dataset<Row> empty = spark.createDataFrame(List.of(), inputType);
    List<Expression> expressions = new ArrayList<>();
    LocalRelation relation = null;
    for (int i = 0; i < dataset.columns().size(); i++) {
      ComputedColumn column = dataset.columns().get(i);
      Project project = analyse(empty, i, column);
      relation = (LocalRelation) project.child();
      expressions.add((Expression) project.projectList().head());
    }
    return new ComputedColumns(dataset.columns(), expressions, relation.output(), inputType);
  }

  private Project analyse(Dataset<Row> empty, int index, ComputedColumn column) {
    String at = "datasets." + dataset.name() + ".columns[" + index + "].expr";
    Errors errors = new Errors(at, column);
    Column parsed;
    Dataset<Row> uncast;
    try {
      parsed = functions.expr(column.expression());
      uncast = empty.select(parsed);
    } catch (Exception e) { // AnalysisException is checked, and Spark throws it undeclared
      throw errors.classify(e);
    }
    // a Generate, Window or Aggregate node would change the rows; decode is row by row
    if (!rowWise(uncast.queryExecution().analyzed())) {
      throw errors.notRowWise();
    }
    DataType found = uncast.schema().fields()[0].dataType();
    DataType declared = SparkTypes.of(column.type());
    LogicalPlan plan;
    try {
      plan = empty.select(parsed.cast(declared).as(column.name())).queryExecution().analyzed();
    } catch (Exception e) {
      throw errors.notCastable(found, declared, e);
    }
    if (!rowWise(plan)) {
      throw errors.notRowWise();
    }
    Project project = (Project) plan;
    // the optimizer's rewriting of replaceable expressions (to_date, nvl, ...) into evaluable ones
    Project replaced = (Project) ReplaceExpressions$.MODULE$.apply(project);
    Expression expression = (Expression) replaced.projectList().head();
    if (!expression.deterministic()) {
      throw errors.notDeterministic();
    }
    scala.Option<Expression> unevaluable =
        expression.find(e -> e instanceof Unevaluable && !(e instanceof Attribute));
    if (unevaluable.isDefined()) {
      throw errors.unevaluable(unevaluable.get().prettyName());
    }
    return replaced;
  }

  private static boolean rowWise(LogicalPlan plan) {
    return plan instanceof Project project && project.child() instanceof LocalRelation;
  }

  /**
   * The one place that words computed-column errors: the key, the expression, the column, what is
   * wrong and how to fix it, in one line.
   */
  private record Errors(String at, ComputedColumn column) {
    private ConfigException error(String what, Throwable cause) {
      return new ConfigException(
          at + ": '" + column.expression() + "' (column " + column.name() + ") " + what, cause);
    }

    ConfigException classify(Exception e) {
      if (e instanceof ParseException) {
        return error("does not parse: " + firstLine(e), e);
      }
      if (e instanceof AnalysisException analysis && analysis.getCondition() != null) {
        String condition = analysis.getCondition();
        Map<String, String> parameters = analysis.getMessageParameters();
        if (condition.startsWith("UNRESOLVED_COLUMN")) {
          String proposal = parameters.get("proposal");
          String hint =
              proposal == null ? "" : "; did you mean " + unquote(proposal.split(", ")[0]) + "?";
          return error(
              "names an unknown column: "
                  + unquote(parameters.get("objectName"))
                  + hint
                  + " (a column sees the decoded fields and _kafka)",
              e);
        }
        if (condition.startsWith("FIELD_NOT_FOUND")) {
          return error(
              "names an unknown struct field: "
                  + unquote(parameters.get("fieldName"))
                  + "; the struct has "
                  + unquote(parameters.get("fields")),
              e);
        }
        if (condition.startsWith("MISSING_GROUP_BY")
            || condition.startsWith("MISSING_AGGREGATION")) {
          return notRowWise();
        }
      }
      return error("is not a valid expression: " + firstLine(e), e);
    }

    ConfigException notCastable(DataType found, DataType declared, Exception e) {
      return error(
          "is of type "
              + found.simpleString()
              + ", which cannot be cast to the declared type "
              + declared.simpleString()
              + "; convert it in the expression or declare another type",
          e);
    }

    ConfigException notRowWise() {
      return error(
          "is not computed from one record (an aggregate, generator or window function); a"
              + " column is a function of its record",
          null);
    }

    ConfigException notDeterministic() {
      return error(
          "is not deterministic; a column must give the same value each time its record is"
              + " decoded (replay)",
          null);
    }

    ConfigException unevaluable(String function) {
      return error(
          "uses " + function + ", which cannot be evaluated record by record; rewrite it", null);
    }

    private static String firstLine(Throwable e) {
      String message = String.valueOf(e.getMessage());
      int end = message.indexOf('\n');
      return (end < 0 ? message : message.substring(0, end)).strip();
    }

    private static String unquote(String identifier) {
      return identifier == null ? "?" : identifier.replace("`", "");
    }
  }
}
