package io.splitflow.common.table;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Creates a table from its {@link TableDefinition} before a job's first batch (so that it exists
 * with the right layout even when the first batch is empty, and downstream jobs can start), or
 * brings the properties of an existing one in line. A layout that differs is reported, never
 * rewritten: changing partitioning rewrites the whole table.
 */
public final class TableInitializer {
  private TableInitializer() {}

  /** What {@link #ensure} found and did. */
  public enum Status {
    CREATED,
    EXISTS,
    ALTERED
  }

  /**
   * @param propertiesSet the properties an ALTER TABLE set on an existing table
   * @param layoutNote how an existing table's layout differs from the definition, if it does
   */
  public record Outcome(
      TableDefinition table,
      Status status,
      Map<String, String> propertiesSet,
      Optional<String> layoutNote) {}

  /** A table outside the dataset definitions (test fixtures): created if missing, else kept. */
  public static void ensure(
      SparkSession spark,
      TableRef table,
      StructType schema,
      String partitionColumn,
      Map<String, String> properties) {
    if (!table.exists(spark)) {
      create(
          spark,
          new TableDefinition(
              table.toString(),
              table,
              schema,
              partitionColumn == null ? List.of() : List.of(partitionColumn),
              List.of(),
              properties));
    }
  }

  public static Outcome ensure(SparkSession spark, TableDefinition definition) {
    TableRef table = definition.ref();
    if (!table.exists(spark)) {
      create(spark, definition);
      return new Outcome(definition, Status.CREATED, Map.of(), Optional.empty());
    }
    Row detail = table.deltaTable(spark).detail().first();
    Map<String, String> current = detail.getJavaMap(detail.fieldIndex("properties"));
    Map<String, String> missing = new LinkedHashMap<>();
    definition
        .properties()
        .forEach(
            (key, value) -> {
              // Delta's boolean properties are false when unset
              if (!value.equals(current.getOrDefault(key, "false"))) {
                missing.put(key, value);
              }
            });
    if (!missing.isEmpty()) {
      StringBuilder set = new StringBuilder();
      missing.forEach(
          (k, v) -> set.append(set.length() == 0 ? "" : ", ").append("'" + k + "' = '" + v + "'"));
      spark.sql("ALTER TABLE " + table.sqlName() + " SET TBLPROPERTIES (" + set + ")");
    }
    return new Outcome(
        definition,
        missing.isEmpty() ? Status.EXISTS : Status.ALTERED,
        missing,
        layoutNote(definition, detail));
  }

  private static Optional<String> layoutNote(TableDefinition definition, Row detail) {
    List<String> partitions = detail.getList(detail.fieldIndex("partitionColumns"));
    int clusterIndex = detail.schema().getFieldIndex("clusteringColumns").getOrElse(() -> -1);
    List<String> clustering =
        clusterIndex < 0 || detail.isNullAt(clusterIndex)
            ? List.of()
            : detail.getList(clusterIndex);
    if (partitions.equals(definition.partitionBy()) && clustering.equals(definition.clusterBy())) {
      return Optional.empty();
    }
    return Optional.of(
        "layout differs: the table is "
            + describe(partitions, clustering)
            + ", the config says "
            + describe(definition.partitionBy(), definition.clusterBy())
            + "; left as is (changing it rewrites the table)");
  }

  private static String describe(List<String> partitions, List<String> clustering) {
    if (!partitions.isEmpty()) {
      return "partitioned by " + String.join(", ", partitions);
    }
    return clustering.isEmpty()
        ? "neither partitioned nor clustered"
        : "clustered by " + String.join(", ", clustering);
  }

  private static void create(SparkSession spark, TableDefinition definition) {
    TableRef table = definition.ref();
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark).addColumns(definition.schema());
    builder = table.isPath() ? builder.location(table.path()) : builder.tableName(table.name());
    if (!definition.partitionBy().isEmpty()) {
      builder = builder.partitionedBy(definition.partitionBy().toArray(String[]::new));
    }
    if (!definition.clusterBy().isEmpty()) {
      builder = builder.clusterBy(definition.clusterBy().toArray(String[]::new));
    }
    for (Map.Entry<String, String> property : definition.properties().entrySet()) {
      builder = builder.property(property.getKey(), property.getValue());
    }
    builder.execute();
  }
}
