package io.splitflow.merge.scd2;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.spark.NestedValues;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.gold.GoldSchemas;
import io.splitflow.merge.metrics.BatchCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The difference between gold's rows for some keys and their rebuilt rows: rows to insert or
 * rewrite, and rows to remove (a run that now starts at another version). Rows to remove travel
 * with a null {@code _is_current}, a value gold never holds, so the MERGE source has exactly gold's
 * columns and {@code UPDATE SET *} / {@code INSERT *} can evolve the schema.
 */
public final class Scd2Changes {
  private static final String BEFORE = "_content_before";
  private static final String AFTER = "_content_after";

  private Scd2Changes() {}

  public static Dataset<Row> of(Dataset<Row> current, Dataset<Row> rebuilt, MergeSpec spec) {
    String[] content = GoldSchemas.contentColumns(GoldSchemas.scd2(spec));
    Column[] contentColumns =
        Arrays.stream(content).map(c -> col(quoted(c))).toArray(Column[]::new);
    Dataset<Row> upserts =
        changed(rebuilt.select(contentColumns), current.select(contentColumns))
            .withColumn(TableSchemas.UPDATED_AT, current_timestamp());
    List<String> identity = new ArrayList<>(spec.keys());
    identity.add(TableSchemas.SEQUENCE);
    Dataset<Row> removals =
        current
            .join(
                rebuilt.select(identityColumns(identity)),
                identity.toArray(String[]::new),
                "left_anti")
            .select(contentColumns)
            .withColumn(GoldSchemas.IS_CURRENT, lit(null).cast(DataTypes.BooleanType))
            .withColumn(TableSchemas.UPDATED_AT, current_timestamp());
    return upserts.unionByName(removals);
  }

  /**
   * The rows of {@code after} that {@code before} does not hold. A set operation cannot take a map
   * column: with one, rows are compared with their maps in key order ({@link
   * NestedValues#comparable}); {@code after} holds each (key, {@code _sequence}) once, so this is
   * what except would return.
   */
  private static Dataset<Row> changed(Dataset<Row> after, Dataset<Row> before) {
    StructType types = after.schema();
    if (!NestedValues.hasMap(types)) {
      return after.except(before);
    }
    Column[] comparable =
        Arrays.stream(types.fields())
            .map(f -> NestedValues.comparable(col(quoted(f.name())), f.dataType()).as(f.name()))
            .toArray(Column[]::new);
    Dataset<Row> known = before.select(struct(comparable).as(BEFORE));
    return after
        .withColumn(AFTER, struct(comparable))
        .join(known, col(AFTER).eqNullSafe(col(BEFORE)), "left_anti")
        .drop(AFTER);
  }

  /** Whether a change row removes its gold row (see the class comment). */
  public static String isRemoval(String alias) {
    return alias + "." + GoldSchemas.IS_CURRENT + " IS NULL";
  }

  /**
   * Counts per input row, from {@link Scd2History#versions}: a new version that starts a row is
   * inserted (or deleted, for a delete); one folded into a row updates it in place, or changes
   * nothing when identical to the version before it; a version gold already had, or a second copy
   * in the batch, is unchanged.
   */
  public static Tally counts(Dataset<Row> versions, long applicableInput, long skipped) {
    Column fresh = not(col(Scd2History.KNOWN));
    Column start = col(Scd2History.RUN_START);
    Column deleted = col(TableSchemas.DELETED);
    Row row =
        versions
            .agg(
                countWhere(fresh.and(start).and(not(deleted))),
                countWhere(fresh.and(start).and(deleted)),
                countWhere(fresh.and(not(start)).and(not(col(Scd2History.SAME_AS_PREVIOUS)))),
                countWhere(col(Scd2History.LATE)),
                countWhere(fresh))
            .first();
    long inserted = row.getLong(0);
    long deletes = row.getLong(1);
    long updated = row.getLong(2);
    long unchanged = applicableInput - inserted - deletes - updated;
    BatchCounts counts =
        new BatchCounts(
            applicableInput + skipped,
            inserted,
            updated,
            deletes,
            unchanged,
            0,
            row.getLong(3),
            skipped);
    return new Tally(counts, row.getLong(4) > 0);
  }

  /** What the batch did, and whether gold changes: only a version gold lacks changes it. */
  public record Tally(BatchCounts counts, boolean changesGold) {}

  private static Column countWhere(Column condition) {
    return coalesce(sum(when(condition, 1L)), lit(0L));
  }

  private static Column[] identityColumns(List<String> identity) {
    return identity.stream().map(c -> col(quoted(c))).toArray(Column[]::new);
  }
}
