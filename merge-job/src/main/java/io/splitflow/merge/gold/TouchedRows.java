package io.splitflow.merge.gold;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.spark.NestedValues;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.MergeSpec;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Gold's rows for the keys of a batch, read through the batch's partition and key predicates. */
public final class TouchedRows {
  private static final String GOLD = "g";
  private static final String BATCH = "b";

  private TouchedRows() {}

  public static Dataset<Row> read(
      SparkSession spark,
      TableRef gold,
      Dataset<Row> versions,
      MergeSpec spec,
      BatchPredicates predicates,
      long versionCount) {
    Dataset<Row> rows = withBusinessColumns(gold.read(spark), spec);
    Dataset<Row> pruned = predicates.on(null).map(rows::where).orElse(rows);
    Dataset<Row> keys =
        versions.select(spec.keys().stream().map(k -> col(quoted(k))).toArray(Column[]::new));
    keys = keys.distinct();
    if (versionCount <= spec.tuning().broadcastMaxRows()) {
      keys = broadcast(keys);
    }
    Column sameKey = lit(true);
    for (String key : spec.keys()) {
      sameKey = sameKey.and(col(GOLD + "." + quoted(key)).equalTo(col(BATCH + "." + quoted(key))));
    }
    return pruned.as(GOLD).join(keys.as(BATCH), sameKey, "left_semi");
  }

  /**
   * Columns, and struct fields, the config added since gold was written read as nulls, as Delta
   * would add them; so gold's rows have the batch's types and can be compared with and merged
   * alongside its rows.
   */
  static Dataset<Row> withBusinessColumns(Dataset<Row> rows, MergeSpec spec) {
    StructType schema = rows.schema();
    Set<String> present = Set.of(rows.columns());
    for (FieldSpec field : spec.fields()) {
      rows = conformed(rows, schema, field.name(), SparkTypes.of(field.type()));
    }
    if (present.contains(GoldSchemas.VERSIONS)) {
      rows =
          conformed(
              rows,
              schema,
              GoldSchemas.VERSIONS,
              DataTypes.createArrayType(GoldSchemas.folded(spec)));
    }
    return rows;
  }

  /** Column {@code name} as {@code type}, or as it is when gold holds it so already. */
  private static Dataset<Row> conformed(
      Dataset<Row> rows, StructType schema, String name, DataType type) {
    if (schema.getFieldIndex(name).isEmpty()) {
      return rows.withColumn(name, lit(null).cast(type));
    }
    DataType stored = schema.apply(name).dataType();
    if (!NestedValues.fieldsDiffer(stored, type)) {
      return rows;
    }
    return rows.withColumn(name, NestedValues.conformed(col(quoted(name)), stored, type));
  }
}
