package io.splitflow.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.to_date;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Maps the Kafka source's rows onto the raw table: bytes and coordinates, nothing parsed. */
public final class RawRows {
  private RawRows() {}

  public static Dataset<Row> fromKafka(Dataset<Row> kafka) {
    return kafka
        .select(
            col("key"),
            col("value"),
            col("topic"),
            col("partition"),
            col("offset"),
            col("timestamp"),
            col("timestampType").as("timestamp_type"),
            col("headers"),
            // in a stream, current_timestamp() is the batch's start time: one value per batch
            current_timestamp().as("ingested_at"))
        .withColumn("ingest_date", to_date(col("ingested_at")));
  }
}
