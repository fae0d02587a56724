package io.splitflow.merge.dedupe;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.spark.NestedValues;
import io.splitflow.merge.MergeErrors;
import io.splitflow.merge.MergeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Bronze rows as versions to merge: the business columns, {@code _sequence} and {@code _deleted},
 * plus {@link #APPLICABLE}, false for a row that cannot be placed (a delete without key values),
 * and {@link #SOURCE_TIMESTAMP}; {@link #applicable} keeps the rows to merge, without those two.
 */
public final class Versions {
  public static final String APPLICABLE = "_applicable";

  /** The record's Kafka timestamp, for the batch's freshness; not merged. */
  public static final String SOURCE_TIMESTAMP = "_source_timestamp";

  private Versions() {}

  public static Dataset<Row> of(Dataset<Row> bronze, MergeSpec spec) {
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
      DataType type = SparkTypes.of(field.type());
      // a struct in bronze with more or fewer fields than the spec's reads as the spec has it
      columns.add(
          present.contains(field.name())
              ? NestedValues.conformed(
                      col(quoted(field.name())),
                      bronze.schema().apply(field.name()).dataType(),
                      type)
                  .as(field.name())
              : lit(null).cast(type).as(field.name()));
    }
    columns.add(sequence(spec, deleted).as(TableSchemas.SEQUENCE));
    columns.add(deleted.as(TableSchemas.DELETED));
    columns.add(applicable(spec, deleted).as(APPLICABLE));
    columns.add(
        (present.contains(TableSchemas.SOURCE)
                ? col(TableSchemas.SOURCE + ".timestamp")
                : lit(null).cast(DataTypes.TimestampType))
            .as(SOURCE_TIMESTAMP));
    return bronze.select(columns.toArray(Column[]::new));
  }

  /**
   * Resolves {@code merge.delete-when} against bronze's columns before the first batch, so a typo
   * stops the job before it reads anything rather than failing a batch.
   */
  public static void checkDeleteWhen(Dataset<Row> bronze, MergeSpec spec) {
    if (spec.deleteWhen().isEmpty()) {
      return;
    }
    try {
      of(bronze.limit(0), spec).schema();
    } catch (Exception e) { // AnalysisException, thrown undeclared
      throw MergeErrors.badDeleteWhen(spec.dataset(), spec.deleteWhen().get(), e);
    }
  }

  public static Dataset<Row> applicable(Dataset<Row> versions) {
    return versions.where(col(APPLICABLE)).drop(APPLICABLE, SOURCE_TIMESTAMP);
  }

  /**
   * A Kafka tombstone carries only its key: its first sequence column is taken from the record's
   * Kafka timestamp, so a delete orders against updates without depending on arrival order.
   */
  private static Column sequence(MergeSpec spec, Column deleted) {
    List<Column> parts = new ArrayList<>();
    for (int i = 0; i < spec.sequenceBy().size(); i++) {
      FieldSpec field = spec.field(spec.sequenceBy().get(i));
      Column value = col(quoted(field.name()));
      if (i == 0) {
        Column fromKafka = fromKafkaTimestamp(field);
        if (fromKafka != null) {
          value = when(deleted.and(value.isNull()), fromKafka).otherwise(value);
        }
      }
      parts.add(value.as(field.name()));
    }
    parts.add(col(TableSchemas.SOURCE + ".offset").as(TableSchemas.SEQUENCE_OFFSET));
    return struct(parts.toArray(Column[]::new));
  }

  private static Column fromKafkaTimestamp(FieldSpec field) {
    Column timestamp = col(TableSchemas.SOURCE + ".timestamp");
    // any other type (a decimal, a short, a timestamp_ntz) has no value from the Kafka timestamp
    if (field.type() == FieldType.TIMESTAMP) {
      return timestamp;
    }
    if (field.type() == FieldType.DATE) {
      return to_date(timestamp);
    }
    return field.type() == FieldType.LONG ? unix_millis(timestamp) : null;
  }

  private static Column applicable(MergeSpec spec, Column deleted) {
    Column keyed = lit(true);
    for (String key : spec.keys()) {
      keyed = keyed.and(col(quoted(key)).isNotNull());
    }
    Column sequenced = col(quoted(spec.sequenceBy().get(0))).isNotNull();
    FieldSpec first = spec.field(spec.sequenceBy().get(0));
    if (fromKafkaTimestamp(first) != null) {
      sequenced = sequenced.or(deleted.and(col(TableSchemas.SOURCE + ".timestamp").isNotNull()));
    }
    return keyed.and(sequenced);
  }
}
