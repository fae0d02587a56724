package io.splitflow.merge.scd1;

import io.splitflow.common.table.TableRef;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Upserts the batch's latest version per key into gold, never letting an older one overwrite. */
public final class Scd1Merge {
  private Scd1Merge() {}

  public static void merge(
      SparkSession spark, TableRef gold, Dataset<Row> source, List<String> keys) {
    gold.deltaTable(spark)
        .as(MergeConditions.TARGET)
        .merge(source.as(MergeConditions.SOURCE), MergeConditions.sameKey(keys))
        .whenMatched(MergeConditions.newerThanGold())
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }
}
