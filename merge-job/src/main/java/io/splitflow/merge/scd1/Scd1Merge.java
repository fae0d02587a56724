package io.splitflow.merge.scd1;

import static org.apache.spark.sql.functions.expr;

import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.gold.BatchPredicates;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Upserts the batch's newest version per key into gold, never letting an older one overwrite. A
 * delete is an upsert of a tombstone row, so an older update arriving later still loses to it.
 */
public final class Scd1Merge {
  private Scd1Merge() {}

  public static Dataset<Row> merge(
      SparkSession spark,
      TableRef gold,
      Dataset<Row> source,
      List<String> keys,
      BatchPredicates predicates) {
    Column condition = expr(MergeConditions.sameKey(keys));
    condition = predicates.on(MergeConditions.TARGET).map(condition::and).orElse(condition);
    return gold.deltaTable(spark)
        .as(MergeConditions.TARGET)
        .merge(source.as(MergeConditions.SOURCE), condition)
        .whenMatched(MergeConditions.newerWithSameContent())
        .updateExpr(
            Map.of(TableSchemas.SEQUENCE, MergeConditions.SOURCE + "." + TableSchemas.SEQUENCE))
        .whenMatched(MergeConditions.newerThanGold())
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }
}
