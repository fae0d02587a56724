package io.splitflow.merge.gold;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * Literal predicates on gold for the rows a batch can touch: an {@code IN} list of the values the
 * batch holds in each of gold's partition columns (partition pruning is exact), and the batch's
 * lowest and highest value of each other key column (Delta skips files by their min/max statistics
 * on literal predicates, and a range is all min/max statistics can use). Partition columns are key
 * columns (the config checks it), so a key's rows never sit outside these partitions or ranges.
 * Both come from the batch's one counting pass ({@link BatchShape}); a range costs two literals
 * however many keys the batch holds, where a list of every key would cost the planner per key.
 */
public record BatchPredicates(Map<String, List<Object>> values, Map<String, Range> ranges) {

  /** The lowest and highest value of a key column among a batch's rows. */
  public record Range(Object low, Object high) {}

  public BatchPredicates {
    values = Map.copyOf(values);
    ranges = Map.copyOf(ranges);
  }

  public static BatchPredicates none() {
    return new BatchPredicates(Map.of(), Map.of());
  }

  /** The predicates on the table aliased {@code alias} (or unaliased when null), ANDed. */
  public Optional<Column> on(String alias) {
    Column all = null;
    for (Map.Entry<String, List<Object>> entry : values.entrySet()) {
      Column in = column(alias, entry.getKey()).isin(entry.getValue().toArray());
      all = all == null ? in : all.and(in);
    }
    for (Map.Entry<String, Range> entry : ranges.entrySet()) {
      Column key = column(alias, entry.getKey());
      Column within = key.geq(entry.getValue().low()).and(key.leq(entry.getValue().high()));
      all = all == null ? within : all.and(within);
    }
    return Optional.ofNullable(all);
  }

  private static Column column(String alias, String name) {
    return col(alias == null ? quoted(name) : alias + "." + quoted(name));
  }
}
