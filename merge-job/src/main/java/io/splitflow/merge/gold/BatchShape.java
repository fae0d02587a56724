package io.splitflow.merge.gold;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
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
 * placed, the values of gold's partition columns among the rest, and the newest Kafka timestamp.
 * Each Spark action costs a job's overhead even on a small batch, so these share one.
 */
public record BatchShape(
    long input,
    long skipped,
    Map<String, List<Object>> partitionValues,
    Optional<Timestamp> newestSource) {

  public BatchShape {
    partitionValues = Map.copyOf(partitionValues);
  }

  /** {@code all} as {@link Versions#of} makes it, with {@link Versions#APPLICABLE}. */
  public static BatchShape of(Dataset<Row> all, MergeSpec spec) {
    Column applicable = col(Versions.APPLICABLE);
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(coalesce(sum(when(not(applicable), 1L)), lit(0L)));
    for (String column : spec.partitionBy()) {
      aggregates.add(collect_set(when(applicable, col(quoted(column)))));
    }
    aggregates.add(max(col(Versions.SOURCE_TIMESTAMP)));
    Row row = all.agg(count(lit(1)), aggregates.toArray(Column[]::new)).first();
    Map<String, List<Object>> values = new LinkedHashMap<>();
    for (int i = 0; i < spec.partitionBy().size(); i++) {
      values.put(spec.partitionBy().get(i), List.copyOf(row.getList(i + 2)));
    }
    int newest = row.size() - 1;
    return new BatchShape(
        row.getLong(0),
        row.getLong(1),
        values,
        row.isNullAt(newest) ? Optional.empty() : Optional.of(row.getTimestamp(newest)));
  }

  /** The rows a writer gets: the input less the skipped. */
  public long versionCount() {
    return input - skipped;
  }

  /** The predicates for the batch's applicable {@code versions}; key lists when few. */
  public BatchPredicates predicates(Dataset<Row> versions, MergeSpec spec) {
    return BatchPredicates.of(versions, spec, versionCount(), partitionValues);
  }
}
