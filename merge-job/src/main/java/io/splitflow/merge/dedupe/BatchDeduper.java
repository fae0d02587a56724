package io.splitflow.merge.dedupe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.splitflow.common.schema.TableSchemas;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Orders the versions of a key within a batch by {@code _sequence}: the configured sequence
 * columns, the Kafka offset breaking ties. Gold keeps that struct, so later batches compare against
 * it.
 */
public final class BatchDeduper {
  /** 1 for the newest version of its key in the batch, 2 for the next, and so on. */
  public static final String RANK = "_rank";

  private BatchDeduper() {}

  /** Adds {@link #RANK}; equal sequences (re-deliveries of one record) get distinct ranks. */
  public static Dataset<Row> ranked(Dataset<Row> versions, List<String> keys) {
    return versions.withColumn(RANK, row_number().over(newestFirst(keys)));
  }

  /** The newest version of each key in the batch. */
  public static Dataset<Row> latestPerKey(Dataset<Row> versions, List<String> keys) {
    return ranked(versions, keys).where(col(RANK).equalTo(1)).drop(RANK);
  }

  private static WindowSpec newestFirst(List<String> keys) {
    return Window.partitionBy(keys.stream().map(k -> col(quoted(k))).toArray(Column[]::new))
        .orderBy(col(TableSchemas.SEQUENCE).desc());
  }

  public static String quoted(String column) {
    return "`" + column + "`";
  }
}
