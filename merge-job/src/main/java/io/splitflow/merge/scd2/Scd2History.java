package io.splitflow.merge.scd2;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.spark.NestedValues;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.gold.GoldSchemas;
import io.splitflow.merge.scd1.GoldRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the SCD2 rows of a set of keys from all their versions, so the result depends only on the
 * set of versions, never on the order or batching they arrived in. Gold's rows are unpacked into
 * the versions they fold ({@code _versions}), the batch's are added, each version is kept once, and
 * runs of consecutive versions with the same tracked columns (and the same deleted state) become
 * one row: valid from the run's first version until the next run starts.
 */
public final class Scd2History {
  /** Version-level flags, see {@link #versions}. */
  public static final String KNOWN = "_known";

  public static final String RUN_START = "_run_start";
  public static final String SAME_AS_PREVIOUS = "_same_as_previous";
  public static final String LATE = "_late";
  private static final String RUN = "_run";
  private static final String PREVIOUS_SEQUENCE = "_previous_sequence";
  private static final String LATEST = "_latest";

  private Scd2History() {}

  /** Gold's rows for some keys plus incoming versions, as those keys' complete SCD2 rows. */
  public static Dataset<Row> rebuild(
      Dataset<Row> currentGoldRowsForKeys, Dataset<Row> incomingVersions, MergeSpec spec) {
    return rows(versions(currentGoldRowsForKeys, incomingVersions, spec), spec);
  }

  /**
   * Every version of the keys once, in gold's copy when gold has it ({@link #KNOWN}), with {@link
   * #RUN_START} (starts a new row), {@link #SAME_AS_PREVIOUS} (identical to the version before it)
   * and {@link #LATE} (new, and older than a version gold already had).
   */
  public static Dataset<Row> versions(
      Dataset<Row> currentGoldRowsForKeys, Dataset<Row> incomingVersions, MergeSpec spec) {
    Dataset<Row> known = unpack(currentGoldRowsForKeys, spec).withColumn(KNOWN, lit(true));
    List<Column> incoming = businessColumns(spec);
    incoming.add(col(TableSchemas.SEQUENCE));
    incoming.add(col(TableSchemas.DELETED));
    Dataset<Row> fresh =
        incomingVersions.select(incoming.toArray(Column[]::new)).withColumn(KNOWN, lit(false));
    WindowSpec byKey = Window.partitionBy(keyColumns(spec));
    WindowSpec ordered = byKey.orderBy(col(TableSchemas.SEQUENCE), col(KNOWN).desc());
    Dataset<Row> once =
        known
            .unionByName(fresh, true)
            .withColumn(PREVIOUS_SEQUENCE, lag(col(TableSchemas.SEQUENCE), 1).over(ordered))
            .where(not(col(PREVIOUS_SEQUENCE).eqNullSafe(col(TableSchemas.SEQUENCE))))
            .drop(PREVIOUS_SEQUENCE);
    WindowSpec inOrder = byKey.orderBy(col(TableSchemas.SEQUENCE));
    StructType types = once.schema();
    Column tracked = struct(state(spec.trackedColumns(), types));
    Column everything = struct(state(spec.fieldNames(), types));
    Column previousTracked = lag(tracked, 1).over(inOrder);
    Column newestKnown = max(when(col(KNOWN), col(TableSchemas.SEQUENCE))).over(byKey);
    return once.withColumn(RUN_START, not(previousTracked.eqNullSafe(tracked)))
        .withColumn(SAME_AS_PREVIOUS, lag(everything, 1).over(inOrder).eqNullSafe(everything))
        .withColumn(
            LATE,
            not(col(KNOWN))
                .and(newestKnown.isNotNull())
                .and(col(TableSchemas.SEQUENCE).lt(newestKnown)));
  }

  /** The gold rows of the versions returned by {@link #versions}. */
  public static Dataset<Row> rows(Dataset<Row> versions, MergeSpec spec) {
    WindowSpec inOrder = Window.partitionBy(keyColumns(spec)).orderBy(col(TableSchemas.SEQUENCE));
    Column runNumber =
        sum(when(col(RUN_START), 1).otherwise(0))
            .over(inOrder.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
    List<Column> folded = new ArrayList<>();
    folded.add(col(TableSchemas.SEQUENCE));
    spec.untrackedColumns().forEach(c -> folded.add(col(quoted(c))));
    boolean foldsMaps =
        spec.untrackedColumns().stream()
            .anyMatch(c -> NestedValues.hasMap(versions.schema().apply(c).dataType()));
    List<Column> nonKey = new ArrayList<>();
    spec.fieldNames().stream()
        .filter(c -> !spec.keys().contains(c))
        .forEach(c -> nonKey.add(col(quoted(c))));
    nonKey.add(col(TableSchemas.DELETED));
    List<Column> groupBy = new ArrayList<>(List.of(keyColumns(spec)));
    groupBy.add(col(RUN));
    Dataset<Row> runs =
        versions
            .withColumn(RUN, runNumber)
            .groupBy(groupBy.toArray(Column[]::new))
            .agg(
                min(col(TableSchemas.SEQUENCE)).as(TableSchemas.SEQUENCE),
                max_by(struct(nonKey.toArray(Column[]::new)), col(TableSchemas.SEQUENCE))
                    .as(LATEST),
                inSequenceOrder(collect_list(struct(folded.toArray(Column[]::new))), foldsMaps)
                    .as(GoldSchemas.VERSIONS));
    List<Column> flat = new ArrayList<>();
    for (String field : spec.fieldNames()) {
      flat.add(
          spec.keys().contains(field)
              ? col(quoted(field))
              : col(LATEST + "." + quoted(field)).as(field));
    }
    flat.add(col(TableSchemas.SEQUENCE));
    flat.add(col(LATEST + "." + TableSchemas.DELETED).as(TableSchemas.DELETED));
    flat.add(col(GoldSchemas.VERSIONS));
    Column validFrom = col(TableSchemas.SEQUENCE + "." + quoted(spec.sequenceBy().get(0)));
    Column next = lead(col(TableSchemas.SEQUENCE), 1).over(inOrder);
    Dataset<Row> latest = runs.select(flat.toArray(Column[]::new));
    Dataset<Row> rows =
        latest
            .withColumn(TableSchemas.ROW_HASH, GoldRows.rowHash(latest, spec.fields()))
            .withColumn(GoldSchemas.VALID_FROM, validFrom)
            .withColumn(GoldSchemas.VALID_TO, lead(validFrom, 1).over(inOrder))
            .withColumn(GoldSchemas.IS_CURRENT, next.isNull().and(not(col(TableSchemas.DELETED))))
            .withColumn(TableSchemas.UPDATED_AT, current_timestamp());
    return rows.select(
        Arrays.stream(GoldSchemas.scd2(spec).fieldNames())
            .map(c -> col(quoted(c)))
            .toArray(Column[]::new));
  }

  /**
   * Gold rows back into the versions they fold: tracked columns from the row, the rest per version.
   */
  static Dataset<Row> unpack(Dataset<Row> goldRows, MergeSpec spec) {
    String version = "_version";
    List<Column> exploded = new ArrayList<>(List.of(keyColumns(spec)));
    spec.trackedColumns().forEach(c -> exploded.add(col(quoted(c))));
    exploded.add(col(TableSchemas.DELETED));
    exploded.add(explode(col(GoldSchemas.VERSIONS)).as(version));
    List<String> foldedFields =
        List.of(
            ((StructType)
                    ((ArrayType) goldRows.schema().apply(GoldSchemas.VERSIONS).dataType())
                        .elementType())
                .fieldNames());
    List<Column> out = new ArrayList<>();
    for (String field : spec.fieldNames()) {
      if (!spec.untrackedColumns().contains(field)) {
        out.add(col(quoted(field)));
      } else if (foldedFields.contains(field)) {
        out.add(col(version + "." + quoted(field)).as(field));
      } else { // a column added after these rows were written
        out.add(lit(null).cast(SparkTypes.of(spec.field(field).type())).as(field));
      }
    }
    out.add(col(version + "." + TableSchemas.SEQUENCE).as(TableSchemas.SEQUENCE));
    out.add(col(TableSchemas.DELETED));
    return goldRows.select(exploded.toArray(Column[]::new)).select(out.toArray(Column[]::new));
  }

  private static List<Column> businessColumns(MergeSpec spec) {
    List<Column> columns = new ArrayList<>();
    spec.fieldNames().forEach(c -> columns.add(col(quoted(c))));
    return columns;
  }

  /**
   * {@code columns} and {@code _deleted} in a form Spark compares: a map in key order, so the same
   * map stored in another order is the same state (a map itself cannot be compared at all).
   */
  private static Column[] state(List<String> columns, StructType types) {
    List<Column> state = new ArrayList<>();
    for (String c : columns) {
      state.add(NestedValues.comparable(col(quoted(c)), types.apply(c).dataType()).as(c));
    }
    state.add(col(TableSchemas.DELETED));
    return state.toArray(Column[]::new);
  }

  /**
   * The folded versions of a row by {@code _sequence}, which is unique among them. sort_array
   * compares whole elements, which a map among them makes impossible; then only the sequences are
   * compared, to the same order.
   */
  private static Column inSequenceOrder(Column folded, boolean foldsMaps) {
    if (!foldsMaps) {
      return sort_array(folded);
    }
    return array_sort(
        folded,
        (l, r) -> {
          Column left = l.getField(TableSchemas.SEQUENCE);
          Column right = r.getField(TableSchemas.SEQUENCE);
          return when(left.lt(right), lit(-1)).when(left.gt(right), lit(1)).otherwise(lit(0));
        });
  }

  static Column[] keyColumns(MergeSpec spec) {
    return spec.keys().stream().map(k -> col(quoted(k))).toArray(Column[]::new);
  }
}
