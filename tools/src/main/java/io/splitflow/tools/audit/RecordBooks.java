package io.splitflow.tools.audit;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.splitflow.common.schema.TableSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Raw against bronze and the dead-letter table, record by record: every Kafka coordinate (topic,
 * partition, offset) gets one state, and the states are counted per topic-partition.
 *
 * <p>States, first match wins: {@code orphan} (not in raw, but in bronze or dead letters), {@code
 * duplicate} (twice in raw, twice in bronze, twice in dead letters, or in bronze and waiting in
 * dead letters; a replayed dead letter next to its bronze row is the replay's normal result),
 * {@code pending} (deserialize has not processed it), {@code bronze}, {@code dead_letter}, {@code
 * missing}.
 */
public final class RecordBooks {
  /** The boolean column of the raw coordinates: deserialize has processed the record. */
  public static final String PROCESSED = "_processed";

  private static final String TOPIC = "topic";
  private static final String PARTITION = "partition";
  private static final String OFFSET = "offset";
  private static final String STATE = "_state";

  private RecordBooks() {}

  /** Partitions in topic, partition order, and the problems found, offsets listed up to a limit. */
  public record Result(List<PartitionBooks> partitions, List<Finding> findings) {}

  /**
   * @param raw raw rows with {@code topic, partition, offset} and {@link #PROCESSED}
   * @param bronze bronze rows ({@code _source})
   * @param deadLetters dead-letter rows ({@code topic, partition, offset, replayed_at})
   * @param dropped records rules dropped, per topic-partition, from the event log
   * @param listLimit offsets listed per finding at most
   */
  public static Result reconcile(
      Dataset<Row> raw,
      Dataset<Row> bronze,
      Dataset<Row> deadLetters,
      Map<TopicPartition, Long> dropped,
      int listLimit) {
    Dataset<Row> states = states(raw, bronze, deadLetters).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<PartitionBooks> partitions = new ArrayList<>();
      for (Row row : perPartition(states).collectAsList()) {
        TopicPartition tp = new TopicPartition(row.getString(0), row.getInt(1));
        partitions.add(
            new PartitionBooks(
                tp.topic(),
                tp.partition(),
                row.isNullAt(2) ? null : row.getLong(2),
                row.isNullAt(3) ? null : row.getLong(3),
                row.getLong(4),
                row.getLong(5),
                row.getLong(6),
                dropped.getOrDefault(tp, 0L),
                row.getLong(7),
                row.getLong(8),
                row.getLong(9),
                row.getLong(10)));
      }
      return new Result(partitions, findings(states, partitions, listLimit));
    } finally {
      states.unpersist();
    }
  }

  static Dataset<Row> states(Dataset<Row> raw, Dataset<Row> bronze, Dataset<Row> deadLetters) {
    Dataset<Row> r =
        raw.groupBy(TOPIC, PARTITION, OFFSET)
            .agg(count(lit(1)).as("nr"), max(col(PROCESSED)).as(PROCESSED));
    Dataset<Row> b =
        bronze
            .select(
                col(TableSchemas.SOURCE + ".topic").as(TOPIC),
                col(TableSchemas.SOURCE + ".partition").as(PARTITION),
                col(TableSchemas.SOURCE + ".offset").as(OFFSET))
            .groupBy(TOPIC, PARTITION, OFFSET)
            .agg(count(lit(1)).as("nb"));
    Dataset<Row> d =
        deadLetters
            .groupBy(TOPIC, PARTITION, OFFSET)
            .agg(count(lit(1)).as("nd"), count_if(col(TableSchemas.REPLAYED_AT).isNull()).as("nw"));
    var on = CollectionConverters.asScala(List.of(TOPIC, PARTITION, OFFSET)).toSeq();
    Dataset<Row> all = r.join(b, on, "full_outer").join(d, on, "full_outer");
    Column nr = coalesce(col("nr"), lit(0L));
    Column nb = coalesce(col("nb"), lit(0L));
    Column nd = coalesce(col("nd"), lit(0L));
    Column nw = coalesce(col("nw"), lit(0L));
    Column state =
        when(nr.equalTo(0), lit(Finding.ORPHAN))
            .when(
                nr.gt(1).or(nb.gt(1)).or(nd.gt(1)).or(nb.geq(1).and(nw.geq(1))),
                lit(Finding.DUPLICATE))
            .when(not(coalesce(col(PROCESSED), lit(false))), lit("pending"))
            .when(nb.geq(1), lit("bronze"))
            .when(nd.geq(1), lit("dead_letter"))
            .otherwise(lit(Finding.MISSING));
    return all.select(col(TOPIC), col(PARTITION), col(OFFSET), nr.as("nr"), state.as(STATE));
  }

  private static Dataset<Row> perPartition(Dataset<Row> states) {
    Column inRaw = col("nr").gt(0);
    return states
        .groupBy(TOPIC, PARTITION)
        .agg(
            min(when(inRaw, col(OFFSET))),
            max(when(inRaw, col(OFFSET))),
            sum(col("nr")),
            countState("bronze"),
            countState("dead_letter"),
            countState(Finding.MISSING),
            countState("pending"),
            countState(Finding.DUPLICATE),
            countState(Finding.ORPHAN))
        .orderBy(TOPIC, PARTITION);
  }

  private static Column countState(String state) {
    return count_if(col(STATE).equalTo(state));
  }

  private static List<Finding> findings(
      Dataset<Row> states, List<PartitionBooks> partitions, int listLimit) {
    List<Finding> findings = new ArrayList<>();
    boolean any =
        partitions.stream().anyMatch(p -> p.gaps() > 0 || p.duplicates() > 0 || p.orphans() > 0);
    if (!any) {
      return findings;
    }
    Map<String, List<Long>> listed = new LinkedHashMap<>();
    for (Row row :
        states
            .where(col(STATE).isin(Finding.MISSING, Finding.DUPLICATE, Finding.ORPHAN))
            .withColumn(
                "_n",
                row_number().over(Window.partitionBy(TOPIC, PARTITION, STATE).orderBy(OFFSET)))
            .where(col("_n").leq(listLimit))
            .select(TOPIC, PARTITION, STATE, OFFSET)
            .orderBy(TOPIC, PARTITION, STATE, OFFSET)
            .collectAsList()) {
      listed
          .computeIfAbsent(
              key(row.getString(0), row.getInt(1), row.getString(2)), k -> new ArrayList<>())
          .add(row.getLong(3));
    }
    for (PartitionBooks p : partitions) {
      if (p.gaps() > 0) {
        List<Long> offsets =
            listed.getOrDefault(key(p.topic(), p.partition(), Finding.MISSING), List.of());
        findings.add(
            new Finding(
                p.dropped() == 0 ? Finding.GAP : Finding.MISSING,
                p.topic(),
                p.partition(),
                p.missing(),
                OffsetRange.compress(offsets)));
      }
      for (String kind : List.of(Finding.DUPLICATE, Finding.ORPHAN)) {
        long count = kind.equals(Finding.DUPLICATE) ? p.duplicates() : p.orphans();
        if (count > 0) {
          List<Long> offsets = listed.getOrDefault(key(p.topic(), p.partition(), kind), List.of());
          findings.add(
              new Finding(kind, p.topic(), p.partition(), count, OffsetRange.compress(offsets)));
        }
      }
    }
    return findings;
  }

  private static String key(String topic, int partition, String state) {
    return topic + "/" + partition + "/" + state;
  }
}
