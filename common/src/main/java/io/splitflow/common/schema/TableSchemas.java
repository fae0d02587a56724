package io.splitflow.common.schema;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The layouts of the tables splitflow writes (see docs/design.md, "Tables"). */
public final class TableSchemas {
  public static final String SOURCE = "_source";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String DESERIALIZED_AT = "_deserialized_at";

  /**
   * In bronze, with {@code unknown-fields: keep}: the fields the schema does not declare, as a
   * VARIANT object keyed by their paths.
   */
  public static final String EXTRA = "_extra";

  /** True for a delete: a Kafka tombstone or a change event that deletes its key. */
  public static final String DELETED = "_deleted";

  /** In dead letters: when a replay moved the record to bronze; null while it waits. */
  public static final String REPLAYED_AT = "replayed_at";

  public static final String ROW_HASH = "_row_hash";
  public static final String SEQUENCE = "_sequence";
  public static final String UPDATED_AT = "_updated_at";

  /**
   * Kafka offset inside {@link #SEQUENCE}: breaks ties between versions with equal sequence values.
   */
  public static final String SEQUENCE_OFFSET = "_offset";

  private TableSchemas() {}

  public static StructType raw() {
    StructType header =
        new StructType().add("key", DataTypes.StringType).add("value", DataTypes.BinaryType);
    return new StructType()
        .add("key", DataTypes.BinaryType)
        .add("value", DataTypes.BinaryType)
        .add("topic", DataTypes.StringType)
        .add("partition", DataTypes.IntegerType)
        .add("offset", DataTypes.LongType)
        .add("timestamp", DataTypes.TimestampType)
        .add("timestamp_type", DataTypes.IntegerType)
        .add("headers", DataTypes.createArrayType(header))
        .add("ingested_at", DataTypes.TimestampType)
        .add("ingest_date", DataTypes.DateType);
  }

  public static StructType source() {
    return new StructType()
        .add("topic", DataTypes.StringType)
        .add("partition", DataTypes.IntegerType)
        .add("offset", DataTypes.LongType)
        .add("timestamp", DataTypes.TimestampType);
  }

  public static StructType bronze(List<FieldSpec> fields) {
    return SparkTypes.struct(fields)
        .add(DELETED, DataTypes.BooleanType)
        .add(SOURCE, source())
        .add(INGESTED_AT, DataTypes.TimestampType)
        .add(DESERIALIZED_AT, DataTypes.TimestampType);
  }

  /** Bronze's layout, with the VARIANT {@link #EXTRA} last when {@code extra}. */
  public static StructType bronze(List<FieldSpec> fields, boolean extra) {
    StructType bronze = bronze(fields);
    return extra ? bronze.add(EXTRA, DataTypes.VariantType) : bronze;
  }

  public static StructType deadLetter() {
    return raw()
        .add("stage", DataTypes.StringType)
        .add("error_class", DataTypes.StringType)
        .add("error_message", DataTypes.StringType)
        .add("failed_rules", DataTypes.createArrayType(DataTypes.StringType))
        .add("job_version", DataTypes.StringType)
        .add("failed_at", DataTypes.TimestampType)
        .add("failed_date", DataTypes.DateType)
        .add(REPLAYED_AT, DataTypes.TimestampType);
  }

  /** The sequence struct: the configured sequence columns in order, then the Kafka offset. */
  public static StructType sequence(List<FieldSpec> sequenceBy) {
    StructType seq = new StructType();
    for (FieldSpec field : sequenceBy) {
      seq = seq.add(field.name(), SparkTypes.of(field.type()));
    }
    return seq.add(SEQUENCE_OFFSET, DataTypes.LongType);
  }

  /**
   * The first SCD1 gold layout, before deletes. merge-job's {@code GoldSchemas} defines the layouts
   * gold has now (and upgrades a table of this one).
   */
  public static StructType gold(List<FieldSpec> fields, List<FieldSpec> sequenceBy) {
    return SparkTypes.struct(fields)
        .add(ROW_HASH, DataTypes.StringType)
        .add(SEQUENCE, sequence(sequenceBy))
        .add(UPDATED_AT, DataTypes.TimestampType);
  }
}
