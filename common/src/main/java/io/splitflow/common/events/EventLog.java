package io.splitflow.common.events;

import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.job.JobName;
import io.splitflow.common.table.LakePaths;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.table.Transactions;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The event log: one Delta table per job under the lake ({@code
 * <lake.root>/_splitflow_events/<job>}) where the job appends one row per batch, start, stop and
 * error, for every dataset; {@link #of(SplitflowConfig)} reads the three together. One table per
 * job keeps each table to one writer, which is what Delta's default log store on S3 needs to never
 * lose a commit (as long as each job runs as one application). A row is appended with a (txnAppId,
 * txnVersion) of its own, so a batch Spark re-runs after a crash adds no second row. The tables are
 * created on first use.
 */
public final class EventLog {
  public static final String DIRECTORY = "_splitflow_events";

  private final List<TableRef> tables;
  private boolean ensured;

  /** The event log in {@code table}: one job's, to write or read. */
  public EventLog(TableRef table) {
    this.tables = List.of(table);
  }

  private EventLog(List<TableRef> tables) {
    this.tables = List.copyOf(tables);
  }

  /** {@code job}'s event log, which it appends to. */
  public static EventLog of(SplitflowConfig config, JobName job) {
    return new EventLog(table(config, job));
  }

  /** Every job's event log, to read together. */
  public static EventLog of(SplitflowConfig config) {
    return new EventLog(Arrays.stream(JobName.values()).map(job -> table(config, job)).toList());
  }

  public static TableRef table(SplitflowConfig config, JobName job) {
    return TableRef.atPath(LakePaths.join(config.lake().root(), DIRECTORY, job.id()));
  }

  /** The table this log appends to. */
  public TableRef table() {
    if (tables.size() != 1) {
      throw new IllegalStateException("the event log of every job is read-only; choose a job");
    }
    return tables.get(0);
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
        spark.createDataFrame(List.of(row(event)), schema()), table(), appId, version);
  }

  /** Appends {@code event} as it is: for events that happen once by nature (start, stop, error). */
  public void append(SparkSession spark, Event event) {
    ensure(spark);
    table().append(spark.createDataFrame(List.of(row(event)), schema()).write());
  }

  /**
   * The events of this log's tables, or an empty frame of the right schema when none were written
   * yet.
   */
  public Dataset<Row> read(SparkSession spark) {
    Dataset<Row> events = spark.createDataFrame(List.<Row>of(), schema());
    for (TableRef table : tables) {
      if (table.exists(spark)) {
        events = events.unionByName(table.read(spark));
      }
    }
    return events;
  }

  /**
   * One lock per event-log table in this JVM: the queries of several datasets in one application
   * share their job's table, and two creating it at once make Delta refuse one of them
   * (DELTA_PROTOCOL_CHANGED), which lost that query's first rows.
   */
  private static final Map<String, Object> CREATING = new ConcurrentHashMap<>();

  private void ensure(SparkSession spark) {
    if (!ensured) {
      synchronized (CREATING.computeIfAbsent(table().toString(), t -> new Object())) {
        TableInitializer.ensure(spark, TableDefinitions.eventLog(table()));
      }
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
