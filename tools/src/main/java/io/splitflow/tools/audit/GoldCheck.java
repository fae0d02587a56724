package io.splitflow.tools.audit;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.dedupe.BatchDeduper;
import io.splitflow.merge.dedupe.Versions;
import io.splitflow.merge.gold.GoldSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Checks that gold reflects every bronze key merge has processed (see {@link GoldBooks}). Bronze
 * rows become versions exactly as merge-job makes them ({@link Versions}: deletes from {@code
 * _deleted} and {@code merge.delete-when}, a tombstone's sequence from its Kafka timestamp).
 */
public final class GoldCheck {
  private static final String STATE = "_state";
  private static final String LATEST = "_latest";

  private GoldCheck() {}

  /**
   * @param processed bronze rows merge has processed
   * @param pending bronze rows merge has not processed
   * @param gold the gold table
   */
  public static GoldBooks reconcile(
      Dataset<Row> processed,
      Dataset<Row> pending,
      Dataset<Row> gold,
      MergeSpec spec,
      int listLimit) {
    List<String> keys = spec.keys();
    Seq<String> on = CollectionConverters.asScala(keys).toSeq();
    Column[] keyColumns =
        keys.stream().map(k -> col(BatchDeduper.quoted(k))).toArray(Column[]::new);

    Dataset<Row> pendingKeys = versions(pending, spec).select(keyColumns).distinct();
    Dataset<Row> latest =
        versions(processed, spec)
            .groupBy(keyColumns)
            .agg(max(struct(col(TableSchemas.SEQUENCE), col(TableSchemas.DELETED))).as(LATEST));
    Dataset<Row> counted = latest.join(pendingKeys, on, "left_anti");

    boolean scd2 = spec.mode() == MergeMode.SCD2;
    Dataset<Row> current = scd2 ? gold.where(col(GoldSchemas.IS_CURRENT)) : gold;
    Column goldDeleted = coalesce(col(TableSchemas.DELETED), lit(false));
    Dataset<Row> goldKeys =
        current
            .groupBy(keyColumns)
            .agg(
                count(lit(1)).as("_gold_rows"),
                first(col(TableSchemas.SEQUENCE)).as("_gold_sequence"),
                max(goldDeleted).as("_gold_deleted"));

    Column deleted = col(LATEST + "." + TableSchemas.DELETED);
    Column inGold = col("_gold_rows").isNotNull();
    Column live = inGold.and(not(col("_gold_deleted")));
    Column sameVersion =
        scd2
            ? lit(true)
            : col("_gold_sequence").eqNullSafe(col(LATEST + "." + TableSchemas.SEQUENCE));
    Column state =
        when(col("_gold_rows").gt(1), lit("several_current"))
            .when(deleted.and(live), lit("not_deleted"))
            .when(deleted, lit("deleted"))
            .when(not(live), lit("missing"))
            .when(not(sameVersion), lit("stale"))
            .otherwise(lit("present"));
    Dataset<Row> allBronzeKeys =
        versions(processed, spec).select(keyColumns).union(pendingKeys).distinct();
    Dataset<Row> unexpected =
        goldKeys
            .where(not(col("_gold_deleted")))
            .join(allBronzeKeys, on, "left_anti")
            .select(keyText(keys).as("_key"), lit("unexpected").as(STATE));
    // one table of states, every key once, so the totals and the examples are one pass each
    Dataset<Row> states =
        counted
            .join(goldKeys, on, "left_outer")
            .select(keyText(keys).as("_key"), state.as(STATE))
            .unionByName(unexpected)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row totals =
          states
              .agg(
                  count_if(col(STATE).isin("present", "missing", "stale", "several_current")),
                  countState("present"),
                  countState("missing"),
                  countState("stale"),
                  countState("deleted"),
                  countState("not_deleted"),
                  countState("unexpected"),
                  countState("several_current"))
              .first();
      List<String> examples = new ArrayList<>();
      long problems =
          totals.getLong(2)
              + totals.getLong(3)
              + totals.getLong(5)
              + totals.getLong(6)
              + totals.getLong(7);
      for (Row row :
          states
              .where(
                  col(STATE)
                      .isin("missing", "stale", "not_deleted", "several_current", "unexpected"))
              .orderBy(STATE, "_key")
              .limit(problems == 0 ? 0 : listLimit)
              .collectAsList()) {
        examples.add(row.getString(1) + ": " + row.getString(0));
      }
      return new GoldBooks(
          spec.mode().configName(),
          totals.getLong(0),
          totals.getLong(1),
          totals.getLong(2),
          totals.getLong(3),
          totals.getLong(4),
          totals.getLong(5),
          totals.getLong(6),
          totals.getLong(7),
          pending.isEmpty() ? 0 : pendingKeys.count(),
          examples);
    } finally {
      states.unpersist();
    }
  }

  private static Column countState(String state) {
    return count_if(col(STATE).equalTo(state));
  }

  private static Dataset<Row> versions(Dataset<Row> bronze, MergeSpec spec) {
    return Versions.applicable(Versions.of(bronze, spec));
  }

  /** {@code sensor_id=s-1, reading_date=2026-11-27}, for the listing. */
  private static Column keyText(List<String> keys) {
    List<Column> parts = new ArrayList<>();
    for (String key : keys) {
      parts.add(
          concat(
              lit(key + "="), coalesce(col(BatchDeduper.quoted(key)).cast("string"), lit("null"))));
    }
    return concat_ws(", ", parts.toArray(Column[]::new));
  }
}
