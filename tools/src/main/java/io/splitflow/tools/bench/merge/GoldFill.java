package io.splitflow.tools.bench.merge;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.splitflow.common.schema.TableSchemas;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.scd1.GoldRows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Fills gold straight from {@code spark.range}, in gold's SCD1 layout with its bookkeeping (the row
 * hash by the merge's own expression), so millions of rows take seconds rather than the minutes
 * that merging them would. Each writing task gets a run of whole days, so a day is about one file,
 * as in a compacted gold.
 */
public final class GoldFill {
  private GoldFill() {}

  /** Appends {@code rows} rows to the lake's gold and returns the version that holds them. */
  public static long write(SparkSession spark, BenchLake lake, SensorGrid grid, long rows) {
    lake.gold().append(rows(spark, lake.spec(), grid, rows).write());
    return lake.goldVersion();
  }

  static Dataset<Row> rows(SparkSession spark, MergeSpec spec, SensorGrid grid, long rows) {
    Column n = col("id");
    Column day = grid.daysBefore(SensorGrid.quotient(n, grid.sensorsPerDay()));
    Dataset<Row> readings =
        spark
            .range(rows)
            .select(
                grid.sensorId(n.mod(grid.sensorsPerDay())).as("sensor_id"),
                day.as("reading_date"),
                SensorGrid.value(n).as("value"),
                lit("C").as("unit"),
                SensorGrid.at(day, 12).as("event_time"),
                n.as(TableSchemas.SEQUENCE_OFFSET));
    return readings.select(
        col("sensor_id"),
        col("reading_date"),
        col("value"),
        col("unit"),
        col("event_time"),
        GoldRows.rowHash(spec.fields()).as(TableSchemas.ROW_HASH),
        struct(col("event_time"), col(TableSchemas.SEQUENCE_OFFSET)).as(TableSchemas.SEQUENCE),
        lit(false).as(TableSchemas.DELETED),
        current_timestamp().as(TableSchemas.UPDATED_AT));
  }
}
