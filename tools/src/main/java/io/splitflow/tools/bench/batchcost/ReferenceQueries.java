package io.splitflow.tools.bench.batchcost;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.row_number;

import io.delta.tables.DeltaTable;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.table.TableRef;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What each job does, written as plainly as a user of Spark and Delta would write it, to hold
 * splitflow's fixed cost per batch against: a Kafka-to-Delta query, a foreachBatch that parses and
 * appends twice, and a foreachBatch that dedupes and MERGEs. Each runs available-now to the end.
 */
public final class ReferenceQueries {
  private static final String CORRUPT = "_corrupt_record";

  private ReferenceQueries() {}

  /** Where a reference writes: its own tables and checkpoint directory. */
  public record Target(String table, String deadLetters, String checkpoint) {}

  /** The topic's records as they come, Kafka's columns and nothing more, appended to Delta. */
  public static void ingest(
      SparkSession spark, String bootstrapServers, String topic, long maxOffsets, Target to)
      throws Exception {
    spark
        .readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", bootstrapServers)
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
        .option("maxOffsetsPerTrigger", maxOffsets)
        .load()
        .writeStream()
        .queryName("reference-ingest")
        .format("delta")
        .option("checkpointLocation", to.checkpoint())
        .trigger(Trigger.AvailableNow())
        .start(to.table())
        .awaitTermination();
  }

  /**
   * raw's values parsed with {@code from_json} and the dataset's schema; rows that parse go to a
   * bronze table, the others to a dead-letter table, each append made idempotent with {@code
   * txnAppId}/{@code txnVersion} as Delta's documentation shows for foreachBatch.
   */
  public static void deserialize(
      SparkSession spark, DatasetConfig dataset, TableRef raw, int maxFiles, Target to)
      throws Exception {
    StructType schema = SparkTypes.struct(dataset.fields()).add(CORRUPT, DataTypes.StringType);
    Map<String, String> options = Map.of("columnNameOfCorruptRecord", CORRUPT);
    String appId = "reference-deserialize";
    raw.readStream(deltaSource(spark, maxFiles))
        .writeStream()
        .queryName(appId)
        .option("checkpointLocation", to.checkpoint())
        .trigger(Trigger.AvailableNow())
        .foreachBatch(
            (VoidFunction2<Dataset<Row>, Long>)
                (batch, batchId) -> {
                  Dataset<Row> parsed =
                      batch
                          .select(
                              from_json(col("value").cast("string"), schema, options).as("data"),
                              col("*"))
                          .persist();
                  Column failed = col("data").isNull().or(col("data." + CORRUPT).isNotNull());
                  append(
                      parsed.where(failed.unary_$bang()).select("data.*").drop(CORRUPT),
                      appId,
                      batchId,
                      to.table());
                  append(parsed.where(failed).drop("data"), appId, batchId, to.deadLetters());
                  parsed.unpersist();
                })
        .start()
        .awaitTermination();
  }

  private static void append(Dataset<Row> rows, String appId, long batchId, String path) {
    rows.write()
        .format("delta")
        .mode("append")
        .option("txnAppId", appId)
        .option("txnVersion", batchId)
        .save(path);
  }

  /**
   * Each batch of bronze deduplicated (the newest row per key by the sequence column, with
   * row_number over a window), then one MERGE into gold: update when the incoming row is newer,
   * insert when the key is new; idempotent through the session's txnAppId/txnVersion confs.
   */
  public static void merge(
      SparkSession spark, DatasetConfig dataset, TableRef bronze, int maxFiles, Target to)
      throws Exception {
    List<String> keys = dataset.merge().keys();
    List<String> sequence = dataset.merge().sequenceBy();
    bronze.read(spark).limit(0).write().format("delta").save(to.table());
    String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    String newer = "s." + sequence.get(0) + " > t." + sequence.get(0);
    Column[] newestFirst = sequence.stream().map(s -> col(s).desc()).toArray(Column[]::new);
    Column[] byKey = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    String appId = "reference-merge";
    bronze
        .readStream(deltaSource(spark, maxFiles))
        .writeStream()
        .queryName(appId)
        .option("checkpointLocation", to.checkpoint())
        .trigger(Trigger.AvailableNow())
        .foreachBatch(
            (VoidFunction2<Dataset<Row>, Long>)
                (batch, batchId) -> {
                  Dataset<Row> newest =
                      batch
                          .withColumn(
                              "_rn",
                              row_number().over(Window.partitionBy(byKey).orderBy(newestFirst)))
                          .where(col("_rn").equalTo(1))
                          .drop("_rn");
                  SparkSession session = batch.sparkSession();
                  session.conf().set("spark.databricks.delta.write.txnAppId", appId);
                  session.conf().set("spark.databricks.delta.write.txnVersion", batchId);
                  try {
                    DeltaTable.forPath(session, to.table())
                        .as("t")
                        .merge(newest.as("s"), on)
                        .whenMatched(newer)
                        .updateAll()
                        .whenNotMatched()
                        .insertAll()
                        .execute();
                  } finally {
                    session.conf().unset("spark.databricks.delta.write.txnAppId");
                    session.conf().unset("spark.databricks.delta.write.txnVersion");
                  }
                })
        .start()
        .awaitTermination();
  }

  private static DataStreamReader deltaSource(SparkSession spark, int maxFiles) {
    return spark.readStream().option("maxFilesPerTrigger", maxFiles);
  }
}
