package io.splitflow.tools.audit;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.merge.MergeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What gold should hold, worked out from bronze by the audit itself, from the semantics README's
 * "Merging into gold" documents, and on purpose without merge-job's own version and dedupe code: a
 * mistake there must show up as a difference, not be repeated here.
 *
 * <p>A bronze row is a delete when {@code _deleted} is true or it matches {@code
 * merge.delete-when}. A version is ordered by its {@code merge.sequence-by} values, most
 * significant first, then its Kafka offset ({@link #ORDER}, a struct with gold's {@code _sequence}
 * field names). A Kafka tombstone has no sequence value: its first sequence column comes from the
 * record's Kafka timestamp when that column is a timestamp, date or epoch-millis long. A row
 * without every key value, or still without a first sequence value, is no version (merge skips it).
 */
final class ExpectedGold {
  /** The version's place in its key's order: sequence-by values, then the Kafka offset. */
  static final String ORDER = "_order";

  private ExpectedGold() {}

  /**
   * Bronze rows as versions: key and business columns (null where bronze lacks the column), {@code
   * _deleted} and {@link #ORDER}; rows that are no version left out.
   */
  static Dataset<Row> versions(Dataset<Row> bronze, MergeSpec spec) {
    Set<String> present = Set.of(bronze.columns());
    Column deleted =
        present.contains(TableSchemas.DELETED)
            ? coalesce(col(TableSchemas.DELETED), lit(false))
            : lit(false);
    if (spec.deleteWhen().isPresent()) {
      deleted = deleted.or(coalesce(expr(spec.deleteWhen().get()), lit(false)));
    }
    List<Column> columns = new ArrayList<>();
    for (FieldSpec field : spec.fields()) {
      columns.add(
          present.contains(field.name())
              ? col(quoted(field.name()))
              : lit(null).cast(SparkTypes.of(field.type())).as(field.name()));
    }
    List<Column> order = new ArrayList<>();
    for (int i = 0; i < spec.sequenceBy().size(); i++) {
      FieldSpec field = spec.field(spec.sequenceBy().get(i));
      Column value = col(quoted(field.name()));
      if (i == 0) {
        value = when(value.isNull().and(deleted), kafkaTime(field)).otherwise(value);
      }
      order.add(value.as(field.name()));
    }
    order.add(col(TableSchemas.SOURCE + ".offset").as(TableSchemas.SEQUENCE_OFFSET));
    columns.add(deleted.as(TableSchemas.DELETED));
    columns.add(struct(order.toArray(Column[]::new)).as(ORDER));
    Column placed = col(ORDER).getField(spec.sequenceBy().get(0)).isNotNull();
    for (String key : spec.keys()) {
      placed = placed.and(col(quoted(key)).isNotNull());
    }
    return bronze.select(columns.toArray(Column[]::new)).where(placed);
  }

  /**
   * The newest version of each key: the greatest {@link #ORDER}. Versions with an equal order (one
   * record held twice) are all kept, so a key may have several rows here; any of them is right.
   */
  static Dataset<Row> newest(Dataset<Row> versions, List<String> keys) {
    Column[] byKey = keys.stream().map(k -> col(quoted(k))).toArray(Column[]::new);
    String greatest = "_greatest";
    return versions
        .withColumn(greatest, max(col(ORDER)).over(Window.partitionBy(byKey)))
        .where(col(ORDER).eqNullSafe(col(greatest)))
        .drop(greatest);
  }

  /** A tombstone's first sequence value, from its Kafka timestamp; null where the type has none. */
  private static Column kafkaTime(FieldSpec field) {
    Column timestamp = col(TableSchemas.SOURCE + ".timestamp");
    // as merge's Versions does: only these three take a value from the Kafka timestamp
    if (field.type() == FieldType.TIMESTAMP) {
      return timestamp;
    }
    if (field.type() == FieldType.DATE) {
      return to_date(timestamp);
    }
    return field.type() == FieldType.LONG
        ? unix_millis(timestamp)
        : lit(null).cast(SparkTypes.of(field.type()));
  }

  static String quoted(String column) {
    return "`" + column + "`";
  }
}
