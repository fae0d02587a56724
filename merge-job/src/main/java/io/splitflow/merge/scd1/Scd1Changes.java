package io.splitflow.merge.scd1;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.splitflow.common.schema.TableSchemas;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.dedupe.BatchDeduper;
import io.splitflow.merge.metrics.BatchCounts;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Classifies every version of an SCD1 batch against gold's row for its key, so the MERGE gets only
 * the rows that change gold and the batch reports what happened to each version.
 */
public final class Scd1Changes {
  public static final String CHANGE = "_change";
  static final String INSERTED = "inserted";
  static final String UPDATED = "updated";
  static final String DELETED = "deleted";

  /** Newer than gold with the same content: gold's sequence moves on, nothing else. */
  static final String ADVANCED = "advanced";

  static final String REDELIVERED = "redelivered";
  static final String LATE = "late";
  static final String SUPERSEDED = "superseded";

  /** Whether gold holds a row for the version's key. */
  static final String IN_GOLD = "_in_gold";

  private static final String GOLD_SEQUENCE = "_gold_sequence";
  private static final String GOLD_HASH = "_gold_hash";
  private static final String GOLD_DELETED = "_gold_deleted";
  private static final String BATCH_MAX = "_batch_max";

  private Scd1Changes() {}

  /** Every version with its {@link #CHANGE}, as a gold row (business columns and bookkeeping). */
  public static Dataset<Row> classify(
      Dataset<Row> versions, Dataset<Row> goldRowsForKeys, MergeSpec spec) {
    Dataset<Row> candidates =
        BatchDeduper.ranked(GoldRows.of(versions, spec.fields()), spec.keys())
            .withColumn(
                BATCH_MAX,
                max(col(TableSchemas.SEQUENCE)).over(Window.partitionBy(keyColumns(spec))));
    List<Column> goldColumns = new ArrayList<>(List.of(keyColumns(spec)));
    goldColumns.add(col(TableSchemas.SEQUENCE).as(GOLD_SEQUENCE));
    goldColumns.add(col(TableSchemas.ROW_HASH).as(GOLD_HASH));
    goldColumns.add(coalesce(col(TableSchemas.DELETED), lit(false)).as(GOLD_DELETED));
    Dataset<Row> gold = goldRowsForKeys.select(goldColumns.toArray(Column[]::new));
    Dataset<Row> joined = candidates.join(gold, spec.keys().toArray(String[]::new), "left");
    Column sequence = col(TableSchemas.SEQUENCE);
    Column goldSequence = col(GOLD_SEQUENCE);
    Column isDelete = col(TableSchemas.DELETED);
    Column change =
        when(goldSequence.isNotNull().and(sequence.lt(goldSequence)), lit(LATE))
            .when(goldSequence.isNotNull().and(sequence.equalTo(goldSequence)), lit(REDELIVERED))
            .when(
                col(BatchDeduper.RANK).gt(1).and(sequence.equalTo(col(BATCH_MAX))),
                lit(REDELIVERED))
            .when(col(BatchDeduper.RANK).gt(1), lit(SUPERSEDED))
            .when(goldSequence.isNull(), when(isDelete, lit(DELETED)).otherwise(lit(INSERTED)))
            .when(
                col(TableSchemas.ROW_HASH)
                    .equalTo(col(GOLD_HASH))
                    .and(isDelete.equalTo(col(GOLD_DELETED))),
                lit(ADVANCED))
            .when(isDelete, lit(DELETED))
            .otherwise(lit(UPDATED));
    return joined
        .withColumn(CHANGE, change)
        .withColumn(IN_GOLD, goldSequence.isNotNull())
        .drop(GOLD_SEQUENCE, GOLD_HASH, GOLD_DELETED, BATCH_MAX, BatchDeduper.RANK);
  }

  /** The rows the MERGE must write. */
  public static Dataset<Row> toMerge(Dataset<Row> classified) {
    return classified.where(writes()).drop(CHANGE, IN_GOLD);
  }

  /**
   * What the batch did, whether any row must be written, and whether every row to write is for a
   * key gold does not hold (inserts, and deletes of keys gold never had: their tombstones), so that
   * appending them does what the MERGE would.
   */
  public record Tally(BatchCounts counts, boolean changesGold, boolean newKeysOnly) {}

  public static Tally counts(Dataset<Row> classified, long skipped) {
    Row row =
        classified
            .agg(
                count(lit(1)),
                countOf(INSERTED),
                countOf(UPDATED),
                countOf(DELETED),
                countOf(ADVANCED, REDELIVERED),
                countOf(LATE, SUPERSEDED),
                countOf(LATE),
                countWhere(writes()),
                countWhere(writes().and(col(IN_GOLD))))
            .first();
    BatchCounts counts =
        new BatchCounts(
            row.getLong(0) + skipped,
            row.getLong(1),
            row.getLong(2),
            row.getLong(3),
            row.getLong(4),
            row.getLong(5),
            row.getLong(6),
            skipped);
    return new Tally(counts, row.getLong(7) > 0, row.getLong(8) == 0);
  }

  /** The versions the MERGE writes. */
  private static Column writes() {
    return col(CHANGE).isin(INSERTED, UPDATED, DELETED, ADVANCED);
  }

  private static Column countOf(String... changes) {
    return countWhere(col(CHANGE).isin((Object[]) changes));
  }

  private static Column countWhere(Column condition) {
    return coalesce(sum(when(condition, 1L)), lit(0L));
  }

  private static Column[] keyColumns(MergeSpec spec) {
    return spec.keys().stream().map(k -> col(quoted(k))).toArray(Column[]::new);
  }
}
