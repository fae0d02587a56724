package io.splitflow.deserialize.deadletter;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.splitflow.common.schema.TableSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Dead-letter rows: the raw columns untouched (so a record can be replayed byte for byte), then at
 * which stage, why and when it failed, and which build failed it.
 */
public final class DeadLetters {
  private DeadLetters() {}

  /** Dead letters from rows that carry the raw columns at the top level. */
  public static Dataset<Row> of(
      Dataset<Row> failed,
      Column stage,
      Column errorClass,
      Column errorMessage,
      Column failedRules,
      String jobVersion) {
    return of(failed, "", stage, errorClass, errorMessage, failedRules, jobVersion);
  }

  /**
   * Dead letters from rows that carry the raw columns under {@code rawPrefix} (e.g. {@code _raw.}).
   */
  public static Dataset<Row> of(
      Dataset<Row> failed,
      String rawPrefix,
      Column stage,
      Column errorClass,
      Column errorMessage,
      Column failedRules,
      String jobVersion) {
    List<Column> columns = new ArrayList<>();
    for (String rawColumn : TableSchemas.raw().fieldNames()) {
      columns.add(col(rawPrefix + rawColumn).as(rawColumn));
    }
    columns.add(stage.as("stage"));
    columns.add(errorClass.as("error_class"));
    columns.add(errorMessage.as("error_message"));
    columns.add(failedRules.as("failed_rules"));
    columns.add(lit(jobVersion).as("job_version"));
    columns.add(current_timestamp().as("failed_at"));
    return failed
        .select(columns.toArray(Column[]::new))
        .withColumn("failed_date", to_date(col("failed_at")))
        .withColumn(TableSchemas.REPLAYED_AT, lit(null).cast(DataTypes.TimestampType));
  }
}
