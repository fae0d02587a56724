package io.splitflow.tools.bench.merge;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.splitflow.common.schema.TableSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A batch as the merge reads it from bronze: corrections of gold's newest days (a later reading
 * time, a changed value), then readings of new days after gold's newest.
 */
public final class BronzeBatch {
  private static final String OFFSET = "_kafka_offset";

  private BronzeBatch() {}

  /** How many of a batch's rows update gold; the rest insert. */
  public static long updates(long rows, double updateShare) {
    return Math.round(rows * updateShare);
  }

  public static Dataset<Row> of(SparkSession spark, SensorGrid grid, long rows, double share) {
    long updates = updates(rows, share);
    return updated(spark, grid, updates)
        .unionByName(inserted(spark, grid, rows - updates, updates))
        .select(
            col("sensor_id"),
            col("reading_date"),
            col("value"),
            col("unit"),
            col("event_time"),
            lit(false).as(TableSchemas.DELETED),
            struct(
                    lit(BenchLake.DATASET).as("topic"),
                    lit(0).as("partition"),
                    col(OFFSET).as("offset"),
                    col("event_time").as("timestamp"))
                .as(TableSchemas.SOURCE),
            current_timestamp().as(TableSchemas.INGESTED_AT),
            current_timestamp().as(TableSchemas.DESERIALIZED_AT));
  }

  /** Every other sensor of gold's newest days, an hour later and with another value. */
  private static Dataset<Row> updated(SparkSession spark, SensorGrid grid, long updates) {
    Column k = col("id");
    Column sensor = k.mod(grid.updatesPerDay()).multiply(2);
    Column back = SensorGrid.quotient(k, grid.updatesPerDay());
    Column goldRow = back.multiply(grid.sensorsPerDay()).plus(sensor);
    Column day = grid.daysBefore(back);
    return spark
        .range(updates)
        .select(
            grid.sensorId(sensor).as("sensor_id"),
            day.as("reading_date"),
            SensorGrid.value(goldRow).plus(1).as("value"),
            lit("C").as("unit"),
            SensorGrid.at(day, 13).as("event_time"),
            k.as(OFFSET));
  }

  /** Whole days of sensors after gold's newest day. */
  private static Dataset<Row> inserted(
      SparkSession spark, SensorGrid grid, long inserts, long firstOffset) {
    Column k = col("id");
    Column day = grid.daysAfter(SensorGrid.quotient(k, grid.sensorsPerDay()).plus(1));
    return spark
        .range(inserts)
        .select(
            grid.sensorId(k.mod(grid.sensorsPerDay())).as("sensor_id"),
            day.as("reading_date"),
            SensorGrid.value(k).as("value"),
            lit("C").as("unit"),
            SensorGrid.at(day, 12).as("event_time"),
            k.plus(firstOffset).as(OFFSET));
  }
}
