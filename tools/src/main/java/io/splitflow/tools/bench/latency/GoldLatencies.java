package io.splitflow.tools.bench.latency;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableRef;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Each record's latency, from the lake after the run: gold's change data feed says in which commit
 * ({@code _commit_version}, {@code _commit_timestamp}) each key was inserted, bronze's {@code
 * _source.timestamp} carries the record's Kafka timestamp; the latency is the one minus the other.
 * The commit timestamp is the time the commit file was written (or Delta's in-commit timestamp),
 * i.e. when the row became visible to gold's readers.
 */
public final class GoldLatencies {
  private static final String CHANGE_TYPE = "_change_type";
  private static final String COMMIT_VERSION = "_commit_version";
  private static final String COMMIT_TIMESTAMP = "_commit_timestamp";

  /**
   * What the lake holds after the run.
   *
   * @param latencySeconds per key that reached gold, ordered by its Kafka timestamp
   * @param goldRows rows in gold now
   * @param goldKeys distinct keys in gold now
   * @param inserts insert rows in gold's change data feed (one per key that arrived exactly once)
   * @param otherChanges update or delete rows in the change feed: none when every key is new
   * @param unmatched inserts without a bronze row to take the Kafka timestamp from
   * @param deadLetters records deserialize refused
   * @param goldCommits gold versions that inserted rows
   */
  public record Lake(
      double[] latencySeconds,
      long goldRows,
      long goldKeys,
      long inserts,
      long otherChanges,
      long unmatched,
      long deadLetters,
      long goldCommits) {}

  private GoldLatencies() {}

  /** The latencies of the keys whose {@code sensor_id} starts with {@code prefix}. */
  public static Lake read(SparkSession spark, DatasetConfig dataset, String prefix) {
    Column measured = col("sensor_id").startsWith(prefix);
    List<String> keys = dataset.merge().keys();
    Column[] keyColumns = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    TableRef goldRef = dataset.table(TableLayer.GOLD);
    Row goldCounts =
        goldRef
            .read(spark)
            .where(measured)
            .agg(
                count(lit(1)),
                countDistinct(keyColumns[0], Arrays.copyOfRange(keyColumns, 1, keyColumns.length)))
            .first();
    Dataset<Row> changes = changeFeed(spark, goldRef).where(measured).cache();
    try {
      Dataset<Row> inserts = changes.where(col(CHANGE_TYPE).equalTo("insert"));
      long insertCount = inserts.count();
      long other = changes.where(col(CHANGE_TYPE).notEqual("insert")).count();
      long commits = inserts.select(COMMIT_VERSION).distinct().count();
      Dataset<Row> bronze =
          dataset
              .table(TableLayer.BRONZE)
              .read(spark)
              .select(
                  concat(
                      keyColumns, col(TableSchemas.SOURCE + ".timestamp").as("kafka_timestamp")));
      Dataset<Row> joined =
          inserts
              .select(concat(keyColumns, col(COMMIT_TIMESTAMP)))
              .join(bronze, CollectionConverters.asScala(keys).toSeq(), "left");
      long unmatched = joined.where(col("kafka_timestamp").isNull()).count();
      List<Row> rows =
          joined
              .where(col("kafka_timestamp").isNotNull())
              .select(
                  unix_micros(col(COMMIT_TIMESTAMP))
                      .minus(unix_micros(col("kafka_timestamp")))
                      .as("micros"))
              .orderBy(col("kafka_timestamp"))
              .collectAsList();
      double[] latencies = new double[rows.size()];
      for (int i = 0; i < latencies.length; i++) {
        latencies[i] = rows.get(i).getLong(0) / 1e6;
      }
      // every record the bench sends is valid: any dead letter, warm-up or not, is a failure
      long deadLetters = dataset.table(TableLayer.DEAD_LETTER).read(spark).count();
      return new Lake(
          latencies,
          goldCounts.getLong(0),
          goldCounts.getLong(1),
          insertCount,
          other,
          unmatched,
          deadLetters,
          commits);
    } finally {
      changes.unpersist();
    }
  }

  private static Dataset<Row> changeFeed(SparkSession spark, TableRef gold) {
    DataFrameReader reader =
        spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", 0);
    return gold.isPath() ? reader.load(gold.path()) : reader.table(gold.name());
  }

  private static Column[] concat(Column[] first, Column last) {
    Column[] all = Arrays.copyOf(first, first.length + 1);
    all[first.length] = last;
    return all;
  }
}
