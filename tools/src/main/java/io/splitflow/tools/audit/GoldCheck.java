package io.splitflow.tools.audit;

import static io.splitflow.tools.audit.ExpectedGold.quoted;
import static org.apache.spark.sql.functions.array_max;
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
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.spark.NestedValues;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.gold.GoldSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.storage.StorageLevel;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Checks gold against the audit's own expectation from bronze ({@link ExpectedGold}; see {@link
 * GoldBooks} for the kinds). Per key the live row (scd1: the key's row, scd2: its current row) must
 * hold the newest version: scd1 its {@code _sequence}, scd2 the newest sequence among the versions
 * the current row folds ({@code _versions}); and every business column gold has must equal that
 * version's value.
 */
public final class GoldCheck {
  private static final String STATE = "_state";
  private static final String KEY = "_key";
  private static final String DETAIL = "_detail";
  private static final String EXPECTED = "_expected";
  private static final String GOLD = "_gold";
  private static final String VALUES = "_values";
  private static final String VERSION = "_version";
  private static final String ROWS = "_gold_rows";
  private static final String GOLD_DELETED = "_gold_deleted";

  /** The states a key can be in (see {@link GoldBooks}). */
  static final String PRESENT = "present";

  static final String DELETED = "deleted";
  static final String MISSING = "missing";
  static final String STALE = "stale";
  static final String WRONG_VALUE = "wrong_value";
  static final String NOT_DELETED = "not_deleted";
  static final String UNEXPECTED = "unexpected";
  static final String SEVERAL_CURRENT = "several_current";
  private static final List<String> PROBLEMS =
      List.of(MISSING, STALE, WRONG_VALUE, NOT_DELETED, SEVERAL_CURRENT, UNEXPECTED);
  private static final List<String> KINDS =
      List.of(
          PRESENT, MISSING, STALE, WRONG_VALUE, DELETED, NOT_DELETED, UNEXPECTED, SEVERAL_CURRENT);

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
    Seq<String> on = CollectionConverters.asScala(spec.keys()).toSeq();
    Dataset<Row> pendingKeys =
        ExpectedGold.versions(pending, spec).select(keyColumns(spec)).distinct();
    Dataset<Row> newest =
        ExpectedGold.newest(ExpectedGold.versions(processed, spec), spec.keys())
            .join(pendingKeys, on, "left_anti");
    Dataset<Row> bronzeKeys =
        processed.select(keyColumns(spec)).union(pending.select(keyColumns(spec))).distinct();
    Dataset<Row> goldKeys = goldPerKey(gold, spec);
    Dataset<Row> unexpected =
        goldKeys
            .join(bronzeKeys, on, "left_anti")
            .select(
                keyText(spec.keys()).as(KEY),
                lit(UNEXPECTED).as(STATE),
                lit(null).cast("string").as(DETAIL),
                lit(false).as(EXPECTED));
    // one table of states, every key once, so the totals and the examples are one pass each
    Dataset<Row> states =
        keyStates(newest.join(goldKeys, on, "left_outer"), comparedFields(gold, spec), spec)
            .unionByName(unexpected)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Column> totals = new ArrayList<>();
      for (String kind : KINDS) {
        totals.add(count_if(col(STATE).equalTo(kind)));
      }
      Row t = states.agg(count_if(col(EXPECTED)), totals.toArray(Column[]::new)).first();
      Map<String, Long> count = new HashMap<>();
      for (int i = 0; i < KINDS.size(); i++) {
        count.put(KINDS.get(i), t.getLong(i + 1));
      }
      long problems = PROBLEMS.stream().mapToLong(count::get).sum();
      List<String> examples = new ArrayList<>();
      for (Row row :
          states
              .where(col(STATE).isin(PROBLEMS.toArray()))
              .orderBy(STATE, KEY)
              .limit(problems == 0 ? 0 : listLimit)
              .collectAsList()) {
        String detail =
            row.isNullAt(2) || row.getString(2).isEmpty() ? "" : " (" + row.getString(2) + ")";
        examples.add(row.getString(1) + ": " + row.getString(0) + detail);
      }
      return new GoldBooks(
          spec.mode().configName(),
          t.getLong(0),
          count.get(PRESENT),
          count.get(MISSING),
          count.get(STALE),
          count.get(WRONG_VALUE),
          count.get(DELETED),
          count.get(NOT_DELETED),
          count.get(UNEXPECTED),
          count.get(SEVERAL_CURRENT),
          pending.isEmpty() ? 0 : pendingKeys.count(),
          examples);
    } finally {
      states.unpersist();
    }
  }

  /**
   * Gold's live rows per key (scd1: every row of the key; scd2: its current rows): how many,
   * whether one is deleted, and one row's compared values and version.
   */
  private static Dataset<Row> goldPerKey(Dataset<Row> gold, MergeSpec spec) {
    Set<String> columns = Set.of(gold.columns());
    boolean scd2 = spec.mode() == MergeMode.SCD2;
    Dataset<Row> live = scd2 ? gold.where(coalesce(col(GoldSchemas.IS_CURRENT), lit(false))) : gold;
    Column version = col(TableSchemas.SEQUENCE);
    if (scd2 && columns.contains(GoldSchemas.VERSIONS)) {
      // the current row keeps the sequence of the first version it folds; the newest is in
      // _versions
      version =
          coalesce(array_max(col(GoldSchemas.VERSIONS).getField(TableSchemas.SEQUENCE)), version);
    }
    Column deleted =
        columns.contains(TableSchemas.DELETED)
            ? coalesce(col(TableSchemas.DELETED), lit(false))
            : lit(false);
    Column values =
        struct(
            comparedFields(gold, spec).stream()
                .map(f -> col(quoted(f.name())))
                .toArray(Column[]::new));
    List<Column> out = new ArrayList<>(List.of(keyColumns(spec)));
    out.add(struct(values.as(VALUES), version.as(VERSION)).as(GOLD));
    out.add(deleted.as(GOLD_DELETED));
    // an scd2 key with history but no current row is still a gold key (for unexpected)
    Dataset<Row> keysOnly =
        scd2 ? gold.where(not(coalesce(col(GoldSchemas.IS_CURRENT), lit(false)))) : gold.limit(0);
    Dataset<Row> perKey =
        live.select(out.toArray(Column[]::new))
            .groupBy(keyColumns(spec))
            .agg(
                count(lit(1)).as(ROWS),
                first(col(GOLD)).as(GOLD),
                max(col(GOLD_DELETED)).as(GOLD_DELETED));
    Dataset<Row> historyOnly =
        keysOnly
            .select(keyColumns(spec))
            .distinct()
            .join(
                perKey.select(keyColumns(spec)),
                CollectionConverters.asScala(spec.keys()).toSeq(),
                "left_anti")
            .withColumn(ROWS, lit(0L))
            .withColumn(GOLD, lit(null).cast(perKey.schema().apply(GOLD).dataType()))
            .withColumn(GOLD_DELETED, lit(true));
    return perKey.unionByName(historyOnly);
  }

  /**
   * One row per key with its state, from the key's newest versions (one or more, see {@link
   * ExpectedGold#newest}) joined to gold's live rows for it.
   */
  private static Dataset<Row> keyStates(
      Dataset<Row> joined, List<FieldSpec> compared, MergeSpec spec) {
    Column version = col(GOLD).getField(VERSION);
    Column sameVersion = lit(true);
    List<String> sequenceFields = new ArrayList<>(spec.sequenceBy());
    sequenceFields.add(TableSchemas.SEQUENCE_OFFSET);
    for (String field : sequenceFields) {
      sameVersion =
          sameVersion.and(
              version.getField(field).eqNullSafe(col(ExpectedGold.ORDER).getField(field)));
    }
    Column sameValues = lit(true);
    List<Column> differing = new ArrayList<>();
    for (FieldSpec field : compared) {
      // a map cannot be compared: both sides as their entries in key order
      DataType type = SparkTypes.of(field.type());
      Column same =
          NestedValues.comparable(col(GOLD).getField(VALUES).getField(field.name()), type)
              .eqNullSafe(NestedValues.comparable(col(quoted(field.name())), type));
      sameValues = sameValues.and(same);
      differing.add(when(not(same), lit(field.name())));
    }
    Dataset<Row> perKey =
        joined
            .groupBy(keyColumns(spec))
            .agg(
                max(col(TableSchemas.DELETED)).as("_newest_deleted"),
                max(coalesce(col(ROWS), lit(0L))).as(ROWS),
                max(coalesce(col(GOLD_DELETED), lit(false))).as(GOLD_DELETED),
                max(coalesce(sameVersion, lit(false))).as("_same_version"),
                max(coalesce(sameVersion.and(sameValues), lit(false))).as("_same_values"),
                first(concat_ws(", ", differing.toArray(Column[]::new))).as(DETAIL));
    Column newestDeleted = col("_newest_deleted");
    Column live = col(ROWS).gt(0).and(not(col(GOLD_DELETED)));
    Column state =
        when(col(ROWS).gt(1), lit(SEVERAL_CURRENT))
            .when(newestDeleted.and(live), lit(NOT_DELETED))
            .when(newestDeleted, lit(DELETED))
            .when(not(live), lit(MISSING))
            .when(not(col("_same_version")), lit(STALE))
            .when(not(col("_same_values")), lit(WRONG_VALUE))
            .otherwise(lit(PRESENT));
    return perKey.select(
        keyText(spec.keys()).as(KEY),
        state.as(STATE),
        when(state.equalTo(WRONG_VALUE), col(DETAIL)).as(DETAIL),
        not(newestDeleted).as(EXPECTED));
  }

  /** The business columns gold has (without schema evolution it may lack newer ones). */
  private static List<FieldSpec> comparedFields(Dataset<Row> gold, MergeSpec spec) {
    Set<String> columns = Set.of(gold.columns());
    return spec.fields().stream().filter(f -> columns.contains(f.name())).toList();
  }

  private static Column[] keyColumns(MergeSpec spec) {
    return spec.keys().stream().map(k -> col(quoted(k))).toArray(Column[]::new);
  }

  /** {@code sensor_id=s-1, reading_date=2026-11-27}, for the listing. */
  private static Column keyText(List<String> keys) {
    List<Column> parts = new ArrayList<>();
    for (String key : keys) {
      parts.add(concat(lit(key + "="), coalesce(col(quoted(key)).cast("string"), lit("null"))));
    }
    return concat_ws(", ", parts.toArray(Column[]::new));
  }
}
