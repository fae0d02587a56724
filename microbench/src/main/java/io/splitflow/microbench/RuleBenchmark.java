package io.splitflow.microbench;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.deserialize.decode.BatchDecoder;
import io.splitflow.deserialize.rules.RuleAction;
import io.splitflow.deserialize.rules.RuleSet;
import io.splitflow.deserialize.rules.RuleSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bronze rules of one decoded row per operation: {@link RuleSet#evaluate}'s projection (the
 * row's columns plus the four rule-failure arrays), as Spark's generated projection runs it on an
 * executor. {@link #sqlRules} is three SQL rules; {@link #sqlAndJavaRules} adds a Java rule that
 * calls a UDF. One row in 100 breaks each SQL rule.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RuleBenchmark {
  static final double OUT_OF_RANGE = 5_000.0;
  static final String UNKNOWN_UNIT = "F";
  static final String MALFORMED_SENSOR = "sensor-4x2";

  static final List<RuleSpec> SQL_RULES =
      List.of(
          RuleSpec.sql(
              "value_in_range",
              "value IS NULL OR value BETWEEN -50 AND 1100",
              RuleAction.DEAD_LETTER),
          RuleSpec.sql(
              "known_unit", "unit IS NULL OR unit IN ('C', '%RH', 'hPa')", RuleAction.WARN),
          RuleSpec.sql("sensor_id_format", "sensor_id RLIKE '^sensor-[0-9]{5}$'", RuleAction.DROP));
  static final RuleSpec JAVA_RULE =
      RuleSpec.java("in_fleet", InFleetRule.class.getName(), RuleAction.WARN);

  private SparkSession spark;
  private StructType schema;
  private List<Row> rows;
  private Dataset<Row> sqlEvaluated;
  private Dataset<Row> sqlAndJavaEvaluated;
  private UnsafeProjection sqlRules;
  private UnsafeProjection sqlAndJavaRules;
  private Cycle<UnsafeRow> sqlInput;
  private Cycle<UnsafeRow> sqlAndJavaInput;

  @Setup
  public void setUp() {
    spark = BenchSpark.session();
    List<FieldSpec> fields = SensorData.dataset(SensorData.JSON_DATASET).fields();
    // what the rules see in the job: the typed fields, _deleted, and the Kafka record in _raw
    schema =
        SparkTypes.struct(fields)
            .add(TableSchemas.DELETED, DataTypes.BooleanType)
            .add(BatchDecoder.RAW, TableSchemas.raw());
    rows = rows(schema);
    Dataset<Row> empty = BenchSpark.empty(spark, schema);
    List<RuleSpec> withJava = new ArrayList<>(SQL_RULES);
    withJava.add(JAVA_RULE);
    sqlEvaluated = RuleSet.compile(spark, SQL_RULES, schema).evaluate(empty).evaluated();
    sqlAndJavaEvaluated = RuleSet.compile(spark, withJava, schema).evaluate(empty).evaluated();
    sqlRules = BenchSpark.projection(sqlEvaluated);
    sqlAndJavaRules = BenchSpark.projection(sqlAndJavaEvaluated);
    sqlRules.initialize(0);
    sqlAndJavaRules.initialize(0);
    List<UnsafeRow> unsafe = BenchSpark.unsafeRows(schema, rows);
    sqlInput = new Cycle<>(unsafe);
    sqlAndJavaInput = new Cycle<>(unsafe);
  }

  @TearDown
  public void tearDown() {
    spark.stop();
  }

  @Benchmark
  public UnsafeRow sqlRules() {
    return sqlRules.apply(sqlInput.next());
  }

  @Benchmark
  public UnsafeRow sqlAndJavaRules() {
    return sqlAndJavaRules.apply(sqlAndJavaInput.next());
  }

  /** The decoded readings with their Kafka record; rows 17, 51 and 83 of every 100 break a rule. */
  private static List<Row> rows(StructType schema) {
    int sensorId = schema.fieldIndex("sensor_id");
    int value = schema.fieldIndex("value");
    int unit = schema.fieldIndex("unit");
    int eventTime = schema.fieldIndex("event_time");
    List<Row> rows = new ArrayList<>();
    long offset = 0;
    for (SensorData.Decoded decoded : SensorData.decodedJson()) {
      Object[] values = decoded.values().clone();
      switch ((int) (offset % 100)) {
        case 17 -> values[value] = OUT_OF_RANGE;
        case 51 -> values[unit] = UNKNOWN_UNIT;
        case 83 -> values[sensorId] = MALFORMED_SENSOR;
        default -> {}
      }
      Instant timestamp = (Instant) values[eventTime];
      Row raw =
          RowFactory.create(
              decoded.message().key(),
              decoded.message().value(),
              SensorData.JSON_DATASET,
              0,
              offset++,
              timestamp,
              0,
              null,
              timestamp,
              timestamp.atZone(ZoneOffset.UTC).toLocalDate());
      Object[] row = new Object[values.length + 2];
      System.arraycopy(values, 0, row, 0, values.length);
      row[values.length] = false;
      row[values.length + 1] = raw;
      rows.add(RowFactory.create(row));
    }
    return rows;
  }

  /** The input rows, in the order both benchmarks evaluate them. */
  List<Row> rows() {
    return rows;
  }

  /** The schema of the rows {@link #sqlRules()} returns. */
  StructType sqlRulesSchema() {
    return sqlEvaluated.schema();
  }

  StructType sqlAndJavaRulesSchema() {
    return sqlAndJavaEvaluated.schema();
  }
}
