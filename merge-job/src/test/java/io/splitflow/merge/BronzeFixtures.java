package io.splitflow.merge;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.TableSchemas;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Small bronze batches for the merge tests: (id, value, seq) rows with Kafka provenance. Rows are
 * built by column name, so they follow whatever layout common's bronze schema has.
 */
public final class BronzeFixtures {
  public static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec("value", FieldType.DOUBLE, false),
          new FieldSpec("seq", FieldType.TIMESTAMP, true));
  public static final List<String> KEYS = List.of("id");
  public static final List<String> SEQUENCE_BY = List.of("seq");
  private static final long EPOCH = 1_800_000_000L;

  private final List<FieldSpec> fields;
  private final List<Map<String, Object>> rows = new ArrayList<>();

  public BronzeFixtures() {
    this(FIELDS);
  }

  public BronzeFixtures(List<FieldSpec> fields) {
    this.fields = List.copyOf(fields);
  }

  /** An update of {@code id} at sequence {@code seqSeconds}, from Kafka offset {@code offset}. */
  public BronzeFixtures add(String id, Double value, long seqSeconds, long offset) {
    return row(Map.of("id", id, "value", value, "seq", seq(seqSeconds)), offset, seqSeconds, false);
  }

  /** A delete carrying its sequence (a Debezium delete event). */
  public BronzeFixtures delete(String id, long seqSeconds, long offset) {
    return row(Map.of("id", id, "seq", seq(seqSeconds)), offset, seqSeconds, true);
  }

  /** A Kafka tombstone: only the key, produced at {@code kafkaSeconds}. */
  public BronzeFixtures tombstone(String id, long kafkaSeconds, long offset) {
    return row(Map.of("id", id), offset, kafkaSeconds, true);
  }

  public BronzeFixtures row(
      Map<String, Object> values, long offset, long kafkaSeconds, boolean deleted) {
    Map<String, Object> row = new HashMap<>(values);
    row.put(TableSchemas.DELETED, deleted);
    Timestamp kafkaTime = seq(kafkaSeconds);
    row.put(TableSchemas.SOURCE, RowFactory.create("topic", 0, offset, kafkaTime));
    row.put(TableSchemas.INGESTED_AT, kafkaTime);
    row.put(TableSchemas.DESERIALIZED_AT, kafkaTime);
    rows.add(row);
    return this;
  }

  /** Every row added so far, in order; for cutting into batches. */
  public List<Map<String, Object>> rows() {
    return List.copyOf(rows);
  }

  public static BronzeFixtures of(List<FieldSpec> fields, List<Map<String, Object>> rows) {
    BronzeFixtures fixtures = new BronzeFixtures(fields);
    fixtures.rows.addAll(rows);
    return fixtures;
  }

  public StructType schema() {
    return TableSchemas.bronze(fields);
  }

  public Dataset<Row> toDataset(SparkSession spark) {
    StructType schema = schema();
    List<Row> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Object[] values = new Object[schema.size()];
      StructField[] columns = schema.fields();
      for (int i = 0; i < columns.length; i++) {
        values[i] = row.get(columns[i].name());
      }
      out.add(RowFactory.create(values));
    }
    return spark.createDataFrame(out, schema);
  }

  public static Timestamp seq(long seqSeconds) {
    return Timestamp.from(Instant.ofEpochSecond(EPOCH + seqSeconds));
  }
}
