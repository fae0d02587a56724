package io.splitflow.microbench;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.merge.scd1.GoldRows;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
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
 * The gold row hash ({@link GoldRows#rowHash}: sha2 of to_json of the business columns) of one row
 * per operation, as Spark's generated projection computes it on an executor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RowHashBenchmark {
  private SparkSession spark;
  private StructType schema;
  private List<FieldSpec> fields;
  private List<Row> rows;
  private UnsafeProjection rowHash;
  private Cycle<UnsafeRow> input;

  @Setup
  public void setUp() {
    spark = BenchSpark.session();
    fields = SensorData.dataset(SensorData.JSON_DATASET).fields();
    schema = SparkTypes.struct(fields);
    rows =
        SensorData.decodedJson().stream()
            .map(decoded -> RowFactory.create(decoded.values()))
            .toList();
    rowHash =
        BenchSpark.projection(BenchSpark.empty(spark, schema).select(GoldRows.rowHash(fields)));
    rowHash.initialize(0);
    input = new Cycle<>(BenchSpark.unsafeRows(schema, rows));
  }

  @TearDown
  public void tearDown() {
    spark.stop();
  }

  @Benchmark
  public UTF8String rowHash() {
    return rowHash.apply(input.next()).getUTF8String(0);
  }

  /** The business rows, in the order {@link #rowHash()} hashes them. */
  List<Row> rows() {
    return rows;
  }

  StructType schema() {
    return schema;
  }

  List<FieldSpec> fields() {
    return fields;
  }
}
