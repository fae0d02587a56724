package io.splitflow.deserialize.batch;

import static org.apache.spark.sql.functions.col;

import io.splitflow.common.events.SourceRange;
import io.splitflow.common.schema.TableSchemas;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one batch read per topic-partition (records, lowest and highest offset), gathered from the
 * batch's count aggregation at no extra cost; the event log keeps it so the audit can tell which
 * raw records a batch covered and where rules dropped records.
 */
final class SourceTally {
  private record Key(String topic, int partition) {}

  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::topic).thenComparingInt(Key::partition);
  private final Map<Key, long[]> tallies = new TreeMap<>(ORDER);

  void add(String topic, int partition, long records, long minOffset, long maxOffset) {
    long[] tally =
        tallies.computeIfAbsent(
            new Key(topic, partition), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
    tally[0] += records;
    tally[1] = Math.min(tally[1], minOffset);
    tally[2] = Math.max(tally[2], maxOffset);
  }

  /** The ranges, with no records dropped. */
  List<SourceRange> ranges() {
    return ranges(null);
  }

  /**
   * The ranges, each with the records rules dropped: those of the partition that reach neither
   * bronze nor the dead-letter table. One aggregation over the batch's outputs; run it only when
   * the batch dropped records.
   */
  List<SourceRange> rangesWithDrops(Dataset<Row> bronze, Dataset<Row> deadLetters) {
    Map<Key, Long> written = new HashMap<>();
    Dataset<Row> coordinates =
        bronze
            .select(
                col(TableSchemas.SOURCE + ".topic").as("topic"),
                col(TableSchemas.SOURCE + ".partition").as("partition"))
            .unionByName(deadLetters.select("topic", "partition"));
    for (Row row : coordinates.groupBy("topic", "partition").count().collectAsList()) {
      written.put(new Key(row.getString(0), row.getInt(1)), row.getLong(2));
    }
    return ranges(written);
  }

  private List<SourceRange> ranges(Map<Key, Long> written) {
    List<SourceRange> ranges = new ArrayList<>();
    tallies.forEach(
        (key, tally) ->
            ranges.add(
                new SourceRange(
                    key.topic(),
                    key.partition(),
                    tally[1],
                    tally[2],
                    tally[0],
                    written == null ? 0 : tally[0] - written.getOrDefault(key, 0L))));
    return ranges;
  }
}
