package io.splitflow.merge.scd1;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.spark.NestedValues;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/** Shapes versions as SCD1 gold rows: business columns plus merge bookkeeping. */
public final class GoldRows {
  private GoldRows() {}

  /**
   * SHA-256 of the business columns of {@code rows} as JSON. to_json leaves out null fields, so a
   * column (or a struct field) added to the schema later does not change the hash of rows that have
   * no value in it. Maps are hashed in key order ({@link NestedValues#canonical}), so the same map
   * stored in another order is no change; columns without a map hash exactly as they always did.
   * Floats hash as to_json prints them: -0.0 differs from 0.0.
   */
  public static Column rowHash(Dataset<Row> rows, List<FieldSpec> fields) {
    StructType schema = rows.schema();
    return rowHash(fields, f -> schema.apply(f.name()).dataType());
  }

  /** {@link #rowHash(Dataset, List)} of rows whose columns have exactly the fields' types. */
  public static Column rowHash(List<FieldSpec> fields) {
    return rowHash(fields, f -> SparkTypes.of(f.type()));
  }

  private static Column rowHash(List<FieldSpec> fields, Function<FieldSpec, DataType> types) {
    Column[] business =
        fields.stream()
            .map(f -> NestedValues.canonical(col(quoted(f.name())), types.apply(f)).as(f.name()))
            .toArray(Column[]::new);
    return sha2(to_json(struct(business)), 256);
  }

  /** Versions (business columns, {@code _sequence}, {@code _deleted}) as SCD1 gold rows. */
  public static Dataset<Row> of(Dataset<Row> versions, List<FieldSpec> fields) {
    List<Column> columns = new ArrayList<>();
    for (FieldSpec field : fields) {
      columns.add(col(quoted(field.name())));
    }
    columns.add(rowHash(versions, fields).as(TableSchemas.ROW_HASH));
    columns.add(col(TableSchemas.SEQUENCE));
    columns.add(col(TableSchemas.DELETED));
    columns.add(current_timestamp().as(TableSchemas.UPDATED_AT));
    return versions.select(columns.toArray(Column[]::new));
  }
}
