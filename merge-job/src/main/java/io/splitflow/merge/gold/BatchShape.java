package io.splitflow.merge.gold;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.dedupe.Versions;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a batch holds, from one pass over its versions: how many rows, how many of them cannot be
 * placed, the values of gold's partition columns and the range of its other key columns among the
 * rest, and the newest Kafka timestamp. Each Spark action costs a job's overhead even on a small
 * batch, so these share one.
 */
public record BatchShape(
    long input,
    long skipped,
    Map<String, List<Object>> partitionValues,
    Map<String, BatchPredicates.Range> keyRanges,
    Optional<Timestamp> newestSource) {

  public BatchShape {
    partitionValues = Map.copyOf(partitionValues);
    keyRanges = Map.copyOf(keyRanges);
  }

  /** {@code all} as {@link Versions#of} makes it, with {@link Versions#APPLICABLE}. */
  public static BatchShape of(Dataset<Row> all, MergeSpec spec) {
    Column applicable = col(Versions.APPLICABLE);
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(coalesce(sum(when(not(applicable), 1L)), lit(0L)));
    for (String column : spec.partitionBy()) {
      aggregates.add(collect_set(when(applicable, col(quoted(column)))));
    }
    List<String> ranged = rangedKeys(spec);
    for (String key : ranged) {
      aggregates.add(min(when(applicable, col(quoted(key)))));
      aggregates.add(max(when(applicable, col(quoted(key)))));
    }
    aggregates.add(max(col(Versions.SOURCE_TIMESTAMP)));
    Row row = all.agg(count(lit(1)), aggregates.toArray(Column[]::new)).first();
    int at = 2;
    Map<String, List<Object>> values = new LinkedHashMap<>();
    for (String column : spec.partitionBy()) {
      values.put(column, List.copyOf(row.getList(at++)));
    }
    Map<String, BatchPredicates.Range> ranges = new LinkedHashMap<>();
    for (String key : ranged) {
      Object low = row.get(at++);
      Object high = row.get(at++);
      if (low != null && high != null) {
        ranges.put(key, new BatchPredicates.Range(low, high));
      }
    }
    return new BatchShape(
        row.getLong(0),
        row.getLong(1),
        values,
        ranges,
        row.isNullAt(at) ? Optional.empty() : Optional.of(row.getTimestamp(at)));
  }

  /** The key columns that are not partition columns: their range, not their values, prunes. */
  private static List<String> rangedKeys(MergeSpec spec) {
    List<String> keys = new ArrayList<>(spec.keys());
    keys.removeAll(spec.partitionBy());
    return keys;
  }

  /** The rows a writer gets: the input less the skipped. */
  public long versionCount() {
    return input - skipped;
  }

  /** The predicates on gold for the batch's applicable versions; none for an empty batch. */
  public BatchPredicates predicates() {
    return versionCount() == 0
        ? BatchPredicates.none()
        : new BatchPredicates(partitionValues, keyRanges);
  }
}
