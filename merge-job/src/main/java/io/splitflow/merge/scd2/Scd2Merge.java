package io.splitflow.merge.scd2;

import static org.apache.spark.sql.functions.expr;

import io.splitflow.common.table.TableRef;
import io.splitflow.merge.gold.BatchPredicates;
import io.splitflow.merge.scd1.MergeConditions;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Applies {@link Scd2Changes} to gold in one MERGE on (keys, {@code _sequence}): one commit, so the
 * batch's (txnAppId, batchId) covers all of it.
 */
public final class Scd2Merge {
  private Scd2Merge() {}

  public static Dataset<Row> merge(
      SparkSession spark,
      TableRef gold,
      Dataset<Row> changes,
      List<String> keys,
      BatchPredicates predicates) {
    Column condition = expr(MergeConditions.sameVersion(keys));
    condition = predicates.on(MergeConditions.TARGET).map(condition::and).orElse(condition);
    String removal = Scd2Changes.isRemoval(MergeConditions.SOURCE);
    return gold.deltaTable(spark)
        .as(MergeConditions.TARGET)
        .merge(changes.as(MergeConditions.SOURCE), condition)
        .whenMatched(removal)
        .delete()
        .whenMatched()
        .updateAll()
        .whenNotMatched("NOT (" + removal + ")")
        .insertAll()
        .execute();
  }
}
