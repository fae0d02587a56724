package io.splitflow.common.table;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Creates a job's output tables before its first batch, so that they exist with the right layout
 * and partitioning even when the first batch is empty, and downstream jobs can start.
 */
public final class TableInitializer {
  private TableInitializer() {}

  public static void ensure(
      SparkSession spark,
      TableRef table,
      StructType schema,
      String partitionColumn,
      Map<String, String> properties) {
    if (table.exists(spark)) {
      return;
    }
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark).addColumns(schema);
    builder = table.isPath() ? builder.location(table.path()) : builder.tableName(table.name());
    if (partitionColumn != null) {
      builder = builder.partitionedBy(partitionColumn);
    }
    for (Map.Entry<String, String> property : properties.entrySet()) {
      builder = builder.property(property.getKey(), property.getValue());
    }
    builder.execute();
  }
}
