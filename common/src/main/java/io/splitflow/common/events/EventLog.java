package io.splitflow.common.events;

import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.table.LakePaths;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.table.Transactions;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The event log: one Delta table per lake ({@code <lake.root>/_splitflow_events}) where jobs append
 * one row per batch, start, stop and error, for every dataset. A row is appended with a (txnAppId,
 * txnVersion) of its own, so a batch Spark re-runs after a crash adds no second row. The table is
 * created on first use.
 */
public final class EventLog {
  public static final String DIRECTORY = "_splitflow_events";

  private final TableRef table;
  private boolean ensured;

  public EventLog(TableRef table) {
    this.table = table;
  }

  public static EventLog of(SplitflowConfig config) {
    return new EventLog(table(config));
  }

  public static TableRef table(SplitflowConfig config) {
    return TableRef.atPath(LakePaths.join(config.lake().root(), DIRECTORY));
  }

  public TableRef table() {
    return table;
  }

  public static StructType schema() {
    return new StructType()
        .add("event_time", DataTypes.TimestampType)
        .add("dataset", DataTypes.StringType)
        .add("job", DataTypes.StringType)
        .add("event", DataTypes.StringType)
        .add("query_id", DataTypes.StringType)
        .add("batch_id", DataTypes.LongType)
        .add("input_rows", DataTypes.LongType)
        .add("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
        .add("details", DataTypes.StringType)
        .add("message", DataTypes.StringType)
        .add("job_version", DataTypes.StringType);
  }

  /**
   * Appends {@code event} once for ({@code appId}, {@code version}): a second append with the same
   * pair, e.g. from a re-run batch, is skipped by Delta.
   */
  public void appendOnce(SparkSession spark, Event event, String appId, long version) {
    if (Event.BATCH.equals(event.event()) && event.queryId() != null && event.batchId() != null) {
      BatchTally.put(event.queryId(), event.batchId(), event.counts());
    }
    ensure(spark);
    Transactions.appendOnce(
        spark.createDataFrame(List.of(row(event)), schema()), table, appId, version);
  }

  /** Appends {@code event} as it is: for events that happen once by nature (start, stop, error). */
  public void append(SparkSession spark, Event event) {
    ensure(spark);
    table.append(spark.createDataFrame(List.of(row(event)), schema()).write());
  }

  /** The events of a lake, or an empty frame of the right schema when none were written yet. */
  public Dataset<Row> read(SparkSession spark) {
    return table.exists(spark)
        ? table.read(spark)
        : spark.createDataFrame(List.<Row>of(), schema());
  }

  private void ensure(SparkSession spark) {
    if (!ensured) {
      TableInitializer.ensure(spark, TableDefinitions.eventLog(table));
      ensured = true;
    }
  }

  static Row row(Event event) {
    return RowFactory.create(
        Timestamp.from(event.eventTime()),
        event.dataset(),
        event.job(),
        event.event(),
        event.queryId(),
        event.batchId(),
        event.inputRows(),
        event.counts(),
        event.details(),
        event.message(),
        event.jobVersion());
  }
}
