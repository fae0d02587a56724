package io.splitflow.merge.dedupe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import io.splitflow.common.schema.TableSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Keeps one row per merge key within a batch: the one with the greatest sequence, the Kafka offset
 * breaking ties. Adds that ordering as the {@code _sequence} struct, which gold keeps so later
 * batches compare against it.
 */
public final class BatchDeduper {
  private static final String LATEST = "_latest";

  private BatchDeduper() {}

  public static Column sequence(List<String> sequenceBy) {
    List<Column> parts = new ArrayList<>();
    for (String column : sequenceBy) {
      parts.add(col(column));
    }
    parts.add(col(TableSchemas.SOURCE + ".offset").as(TableSchemas.SEQUENCE_OFFSET));
    return struct(parts.toArray(Column[]::new));
  }

  public static Dataset<Row> latestPerKey(
      Dataset<Row> batch, List<String> keys, List<String> sequenceBy) {
    Dataset<Row> sequenced = batch.withColumn(TableSchemas.SEQUENCE, sequence(sequenceBy));
    Column everything =
        struct(
            java.util.Arrays.stream(sequenced.columns())
                .map(c -> col("`" + c + "`"))
                .toArray(Column[]::new));
    return sequenced
        .groupBy(keys.stream().map(k -> col("`" + k + "`")).toArray(Column[]::new))
        .agg(max_by(everything, col(TableSchemas.SEQUENCE)).as(LATEST))
        .select(LATEST + ".*");
  }
}
