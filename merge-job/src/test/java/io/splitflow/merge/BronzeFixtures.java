package io.splitflow.merge;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.TableSchemas;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Small bronze batches for the merge tests: (id, value, seq) rows with Kafka provenance. */
public final class BronzeFixtures {
  public static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec("value", FieldType.DOUBLE, false),
          new FieldSpec("seq", FieldType.TIMESTAMP, true));
  public static final List<String> KEYS = List.of("id");
  public static final List<String> SEQUENCE_BY = List.of("seq");

  private final List<Row> rows = new ArrayList<>();

  public BronzeFixtures add(String id, Double value, long seqSeconds, long offset) {
    Timestamp seq = Timestamp.from(Instant.ofEpochSecond(1_800_000_000L + seqSeconds));
    Row source = RowFactory.create("topic", 0, offset, seq);
    rows.add(RowFactory.create(id, value, seq, source, seq, seq));
    return this;
  }

  public Dataset<Row> toDataset(SparkSession spark) {
    return spark.createDataFrame(rows, TableSchemas.bronze(FIELDS));
  }

  public static Timestamp seq(long seqSeconds) {
    return Timestamp.from(Instant.ofEpochSecond(1_800_000_000L + seqSeconds));
  }
}
