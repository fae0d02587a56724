package io.splitflow.microbench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;

/**
 * Spark for the column benchmarks: a one-core session, and a way to run a select's expressions row
 * by row as an executor does, as Catalyst's generated {@link UnsafeProjection} over {@link
 * UnsafeRow}s, without the scheduling, task and I/O costs of a job around it.
 */
final class BenchSpark {
  private BenchSpark() {}

  /**
   * A one-core session with the jobs' SQL settings, but without Delta's extension: nothing here
   * reads a table, and loading Delta would cost every test seconds.
   */
  static SparkSession session() {
    return SparkSession.builder()
        .appName("splitflow-microbench")
        .master("local[1]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        // as SparkSessions sets it for the jobs: to_json writes timestamps in this zone
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  /** An empty DataFrame of {@code schema} that the optimizer cannot fold a projection into. */
  static Dataset<Row> empty(SparkSession spark, StructType schema) {
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).<Row>emptyRDD(), schema);
  }

  /**
   * The projection of {@code selected} (a select over {@link #empty}), optimized as for a real run
   * and compiled to bytecode, taking rows of the input's schema.
   */
  static UnsafeProjection projection(Dataset<Row> selected) {
    LogicalPlan plan = selected.queryExecution().optimizedPlan();
    if (!(plan instanceof Project project)) {
      throw new IllegalArgumentException("not a plain projection:\n" + plan);
    }
    @SuppressWarnings("unchecked") // Scala's Seq is covariant; Java does not know it
    Seq<Expression> expressions = (Seq<Expression>) (Seq<?>) project.projectList();
    return UnsafeProjection.create(expressions, project.child().output());
  }

  /** {@code rows} in Spark's binary row format, as a scan hands them to a projection. */
  static List<UnsafeRow> unsafeRows(StructType schema, List<Row> rows) {
    // lenient: takes java.time values, as the decoders produce them
    ExpressionEncoder.Serializer<Row> serializer =
        ExpressionEncoder.apply(schema, true).createSerializer();
    List<UnsafeRow> unsafe = new ArrayList<>(rows.size());
    for (Row row : rows) {
      unsafe.add(((UnsafeRow) serializer.apply(row)).copy());
    }
    return unsafe;
  }
}
