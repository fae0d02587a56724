package io.splitflow.common.table;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;

/** A Delta table named either by its location or by its catalog name. Exactly one is set. */
public record TableRef(String path, String name) {

  public TableRef {
    if ((path == null) == (name == null)) {
      throw new IllegalArgumentException("a table is either a path or a catalog name");
    }
  }

  public static TableRef atPath(String path) {
    return new TableRef(path, null);
  }

  public static TableRef named(String name) {
    return new TableRef(null, name);
  }

  public boolean isPath() {
    return path != null;
  }

  public boolean exists(SparkSession spark) {
    return isPath() ? DeltaTable.isDeltaTable(spark, path) : spark.catalog().tableExists(name);
  }

  public DeltaTable deltaTable(SparkSession spark) {
    return isPath() ? DeltaTable.forPath(spark, path) : DeltaTable.forName(spark, name);
  }

  public Dataset<Row> read(SparkSession spark) {
    return isPath() ? spark.read().format("delta").load(path) : spark.read().table(name);
  }

  public Dataset<Row> readStream(DataStreamReader reader) {
    return isPath() ? reader.format("delta").load(path) : reader.table(name);
  }

  public void append(DataFrameWriter<Row> writer) {
    DataFrameWriter<Row> delta = writer.format("delta").mode("append");
    if (isPath()) {
      delta.save(path);
    } else {
      delta.saveAsTable(name);
    }
  }

  /** For SQL text and messages: a backquoted path or the catalog name. */
  /**
   * The table as SQL names it: {@code delta.`path`} for a path, a backtick in the path doubled so
   * that it cannot end the identifier early; a catalog name as configured (the config checks it).
   */
  public String sqlName() {
    return isPath() ? "delta.`" + path.replace("`", "``") + "`" : name;
  }

  @Override
  public String toString() {
    return isPath() ? path : name;
  }
}
