package io.splitflow.merge.scd1;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.TableSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Shapes deduplicated bronze rows as gold rows: business columns plus merge bookkeeping. */
public final class GoldRows {
  private GoldRows() {}

  /** A hash of the business columns, so a re-delivered or unchanged version is recognisable. */
  public static Column rowHash(List<FieldSpec> fields) {
    Column[] business = fields.stream().map(f -> col("`" + f.name() + "`")).toArray(Column[]::new);
    return sha2(to_json(struct(business)), 256);
  }

  public static Dataset<Row> of(Dataset<Row> latest, List<FieldSpec> fields) {
    List<Column> columns = new ArrayList<>();
    for (FieldSpec field : fields) {
      columns.add(col("`" + field.name() + "`"));
    }
    columns.add(rowHash(fields).as(TableSchemas.ROW_HASH));
    columns.add(col(TableSchemas.SEQUENCE));
    columns.add(current_timestamp().as(TableSchemas.UPDATED_AT));
    return latest.select(columns.toArray(Column[]::new));
  }
}
