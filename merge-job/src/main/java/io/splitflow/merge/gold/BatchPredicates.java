package io.splitflow.merge.gold;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;

import io.splitflow.merge.MergeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Literal {@code IN} lists of the values a batch holds in gold's partition columns (always) and in
 * its key columns (when few): Delta prunes partitions and skips files by min/max statistics only on
 * literal predicates, so a batch reads just the files it can touch. Partition columns are key
 * columns (the config checks it), so a key's rows never sit outside these partitions.
 */
public record BatchPredicates(Map<String, List<Object>> values) {

  public BatchPredicates {
    values = Map.copyOf(values);
  }

  public static BatchPredicates none() {
    return new BatchPredicates(Map.of());
  }

  /** Collects the distinct values in one pass; key lists only when the batch is small enough. */
  public static BatchPredicates of(Dataset<Row> versions, MergeSpec spec, long versionCount) {
    return of(versions, spec, versionCount, Map.of());
  }

  /**
   * Like {@link #of(Dataset, MergeSpec, long)}, with the partition columns' values already
   * collected (see {@link BatchShape}): only the key lists, if any, are collected here.
   */
  static BatchPredicates of(
      Dataset<Row> versions,
      MergeSpec spec,
      long versionCount,
      Map<String, List<Object>> partitionValues) {
    if (versionCount == 0) {
      return none();
    }
    Map<String, List<Object>> values = new LinkedHashMap<>(partitionValues);
    List<String> columns = new ArrayList<>(spec.partitionBy());
    columns.removeAll(values.keySet());
    if (versionCount <= spec.tuning().keyFilterMaxValues()) {
      spec.keys().stream()
          .filter(k -> !columns.contains(k) && !values.containsKey(k))
          .forEach(columns::add);
    }
    if (columns.isEmpty()) {
      return new BatchPredicates(values);
    }
    Column[] sets =
        columns.stream().map(c -> collect_set(col(quoted(c))).as(c)).toArray(Column[]::new);
    Row row = versions.agg(sets[0], Arrays.copyOfRange(sets, 1, sets.length)).first();
    for (int i = 0; i < columns.size(); i++) {
      List<Object> distinct = row.getList(i);
      values.put(columns.get(i), List.copyOf(distinct));
    }
    return new BatchPredicates(values);
  }

  /** The predicates on the table aliased {@code alias} (or unaliased when null), ANDed. */
  public Optional<Column> on(String alias) {
    Column all = null;
    for (Map.Entry<String, List<Object>> entry : values.entrySet()) {
      String name = alias == null ? quoted(entry.getKey()) : alias + "." + quoted(entry.getKey());
      Column in = col(name).isin(entry.getValue().toArray());
      all = all == null ? in : all.and(in);
    }
    return Optional.ofNullable(all);
  }
}
