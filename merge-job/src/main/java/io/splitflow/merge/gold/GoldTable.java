package io.splitflow.merge.gold;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.MergeErrors;
import io.splitflow.merge.MergeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * Creates gold with the configured layout (several partition columns, deletion vectors, change data
 * feed), or checks that an existing gold can take this configuration, before the first batch.
 */
public final class GoldTable {
  public static final String DELETION_VECTORS = "delta.enableDeletionVectors";
  public static final String CHANGE_DATA_FEED = "delta.enableChangeDataFeed";

  private GoldTable() {}

  public static void ensure(SparkSession spark, TableRef gold, MergeSpec spec) {
    if (!gold.exists(spark)) {
      create(spark, gold, spec);
      return;
    }
    Row detail = gold.deltaTable(spark).detail().first();
    StructType schema = gold.read(spark).schema();
    checkMode(gold, spec, schema);
    checkSequence(gold, spec, schema);
    checkFoldedColumns(gold, spec, schema);
    List<String> partitions = detail.getList(detail.fieldIndex("partitionColumns"));
    if (!partitions.equals(spec.partitionBy())) {
      throw MergeErrors.partitioningChanged(gold, partitions, spec.partitionBy());
    }
    if (spec.mode() == MergeMode.SCD1
        && !Set.of(schema.fieldNames()).contains(TableSchemas.DELETED)) {
      // gold written before deletes existed: its rows read as not deleted
      spark.sql("ALTER TABLE " + gold.sqlName() + " ADD COLUMNS (`_deleted` BOOLEAN)");
    }
    Map<String, String> current = detail.getJavaMap(detail.fieldIndex("properties"));
    Map<String, String> changed = new LinkedHashMap<>();
    properties(spec)
        .forEach(
            (key, value) -> {
              if (!value.equals(current.getOrDefault(key, "false"))) {
                changed.put(key, value);
              }
            });
    if (!changed.isEmpty()) {
      StringBuilder set = new StringBuilder();
      changed.forEach(
          (k, v) -> set.append(set.length() == 0 ? "" : ", ").append("'" + k + "' = '" + v + "'"));
      spark.sql("ALTER TABLE " + gold.sqlName() + " SET TBLPROPERTIES (" + set + ")");
    }
  }

  public static Map<String, String> properties(MergeSpec spec) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(DELETION_VECTORS, Boolean.toString(spec.deletionVectors()));
    properties.put(CHANGE_DATA_FEED, Boolean.toString(spec.changeDataFeed()));
    return properties;
  }

  private static void create(SparkSession spark, TableRef gold, MergeSpec spec) {
    DeltaTableBuilder builder =
        DeltaTable.createIfNotExists(spark).addColumns(GoldSchemas.of(spec));
    builder = gold.isPath() ? builder.location(gold.path()) : builder.tableName(gold.name());
    if (!spec.partitionBy().isEmpty()) {
      builder = builder.partitionedBy(spec.partitionBy().toArray(String[]::new));
    }
    for (Map.Entry<String, String> property : properties(spec).entrySet()) {
      builder = builder.property(property.getKey(), property.getValue());
    }
    builder.execute();
  }

  private static void checkMode(TableRef gold, MergeSpec spec, StructType schema) {
    boolean hasHistory = Set.of(schema.fieldNames()).contains(GoldSchemas.VALID_FROM);
    MergeMode found = hasHistory ? MergeMode.SCD2 : MergeMode.SCD1;
    if (found != spec.mode()) {
      throw MergeErrors.modeChanged(gold, found, spec.mode());
    }
  }

  /** SCD2 keeps the untracked columns of every version: their set cannot change under it. */
  private static void checkFoldedColumns(TableRef gold, MergeSpec spec, StructType schema) {
    if (spec.mode() != MergeMode.SCD2) {
      return;
    }
    StructType found =
        (StructType) ((ArrayType) schema.apply(GoldSchemas.VERSIONS).dataType()).elementType();
    List<String> expected = List.of(GoldSchemas.folded(spec).fieldNames());
    if (!List.of(found.fieldNames()).equals(expected)) {
      throw MergeErrors.trackedColumnsChanged(gold, List.of(found.fieldNames()), expected);
    }
  }

  private static void checkSequence(TableRef gold, MergeSpec spec, StructType schema) {
    Set<String> names = Set.of(schema.fieldNames());
    if (!names.contains(TableSchemas.SEQUENCE)) {
      throw MergeErrors.notAGoldTable(gold, TableSchemas.SEQUENCE);
    }
    StructType found = (StructType) schema.apply(TableSchemas.SEQUENCE).dataType();
    StructType expected = GoldSchemas.sequence(spec);
    if (!List.of(found.fieldNames()).equals(List.of(expected.fieldNames()))) {
      throw MergeErrors.sequenceChanged(gold, found.fieldNames(), expected.fieldNames());
    }
  }
}
