package io.splitflow.merge.metrics;

import io.splitflow.common.table.TableRef;
import io.splitflow.common.table.Transactions;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merge-events table: one row per merge batch, appended with the batch's (txnAppId, batchId) so
 * a re-run batch does not add a second row.
 */
public final class MergeEvents {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.merge");

  private MergeEvents() {}

  public static StructType schema() {
    return new StructType()
        .add("dataset", DataTypes.StringType)
        .add("batch_id", DataTypes.LongType)
        .add("app_id", DataTypes.StringType)
        .add("mode", DataTypes.StringType)
        .add("input_rows", DataTypes.LongType)
        .add("inserted", DataTypes.LongType)
        .add("updated", DataTypes.LongType)
        .add("deleted", DataTypes.LongType)
        .add("unchanged", DataTypes.LongType)
        .add("ignored_late", DataTypes.LongType)
        .add("late", DataTypes.LongType)
        .add("skipped", DataTypes.LongType)
        .add("attempts", DataTypes.IntegerType)
        .add("duration_ms", DataTypes.LongType)
        .add("gold_version", DataTypes.LongType)
        .add("committed", DataTypes.BooleanType)
        .add(
            "operation_metrics",
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("time", DataTypes.TimestampType);
  }

  public static void log(MergeEvent event) {
    LOG.info(event.toJson());
  }

  public static void append(SparkSession spark, TableRef table, MergeEvent event) {
    BatchCounts c = event.counts();
    Row row =
        RowFactory.create(
            event.dataset(),
            event.batchId(),
            event.appId(),
            event.mode().configName(),
            c.input(),
            c.inserted(),
            c.updated(),
            c.deleted(),
            c.unchanged(),
            c.ignoredLate(),
            c.late(),
            c.skipped(),
            event.attempts(),
            event.durationMs(),
            event.goldVersion(),
            event.committed(),
            event.operationMetrics(),
            Timestamp.from(event.time()));
    Transactions.appendOnce(
        spark.createDataFrame(List.of(row), schema()), table, event.appId(), event.batchId());
  }
}
