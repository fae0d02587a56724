package io.splitflow.tools.status;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.Secrets;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.events.Event;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.events.JobEvents;
import io.splitflow.common.job.JobName;
import io.splitflow.common.table.CheckpointPaths;
import io.splitflow.common.table.TableRef;
import io.splitflow.tools.lake.CheckpointLog;
import io.splitflow.tools.lake.KafkaPosition;
import io.splitflow.tools.lake.StreamPosition;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Gathers {@link DatasetStatus}: last batches from the event log (or the checkpoints), lag from
 * Kafka's end offsets and the Delta logs against the checkpoints, dead letters of the last 24 hours
 * and gold's freshness from merge's batch rows. Reads metadata and the small event log; the only
 * data it reads is a day of the dead-letter table, pruned by {@code failed_date}.
 */
public final class Status {
  /** Commits read from a Delta log to count the rows behind; further behind, rows are unknown. */
  static final int MAX_COMMITS = 1000;

  private final SparkSession spark;
  private final SplitflowConfig config;
  private final Instant now;
  private final Dataset<Row> events;
  private final Configuration hadoop;

  public Status(SparkSession spark, SplitflowConfig config, Instant now) {
    this.spark = spark;
    this.config = config;
    this.now = now;
    this.events = EventLog.of(config).read(spark);
    this.hadoop = spark.sessionState().newHadoopConf();
  }

  public DatasetStatus of(DatasetConfig dataset) {
    Dataset<Row> mine = events.where(col("dataset").equalTo(dataset.name()));
    List<JobStatus> jobs = new ArrayList<>();
    for (JobName job : JobName.values()) {
      String checkpoint = CheckpointPaths.of(config, dataset.name(), job);
      Optional<CheckpointLog> committed = CheckpointLog.lastCommitted(hadoop, checkpoint);
      Dataset<Row> jobEvents = mine.where(col("job").equalTo(job.id()));
      jobs.add(
          new JobStatus(
              job.id(),
              lastBatch(jobEvents).or(() -> committed.map(Status::fromCheckpoint)),
              lastEvent(jobEvents),
              lag(dataset, job, checkpoint)));
    }
    return new DatasetStatus(
        dataset.name(),
        jobs,
        deadLetters24h(dataset.table(TableLayer.DEAD_LETTER)),
        new Freshness(newestInGold(mine), dataset.freshnessSlo(), now));
  }

  private static JobStatus.LastBatch fromCheckpoint(CheckpointLog log) {
    return new JobStatus.LastBatch(log.committedAt(), log.batchId(), null, "checkpoint");
  }

  private static Optional<JobStatus.LastBatch> lastBatch(Dataset<Row> jobEvents) {
    Row[] rows =
        (Row[])
            jobEvents
                .where(col("event").equalTo(Event.BATCH))
                .orderBy(col("event_time").desc())
                .select("event_time", "batch_id", "input_rows")
                .limit(1)
                .collect();
    if (rows.length == 0) {
      return Optional.empty();
    }
    Row row = rows[0];
    return Optional.of(
        new JobStatus.LastBatch(
            row.getTimestamp(0).toInstant(),
            row.getLong(1),
            row.isNullAt(2) ? null : row.getLong(2),
            "event-log"));
  }

  private static Optional<JobStatus.LastEvent> lastEvent(Dataset<Row> jobEvents) {
    Row[] rows =
        (Row[])
            jobEvents
                .where(col("event").isin(Event.START, Event.STOP, Event.ERROR))
                .orderBy(col("event_time").desc())
                .select("event_time", "event", "message")
                .limit(1)
                .collect();
    return rows.length == 0
        ? Optional.empty()
        : Optional.of(
            new JobStatus.LastEvent(
                rows[0].getTimestamp(0).toInstant(), rows[0].getString(1), rows[0].getString(2)));
  }

  /** The newest Kafka timestamp a merge batch carried into gold (see merge's batch rows). */
  private static Optional<Instant> newestInGold(Dataset<Row> datasetEvents) {
    Row newest =
        datasetEvents
            .where(col("job").equalTo(JobName.MERGE.id()).and(col("event").equalTo(Event.BATCH)))
            .agg(
                max(get_json_object(col("details"), "$.newest_source_timestamp").cast("timestamp")))
            .first();
    return newest.isNullAt(0) ? Optional.empty() : Optional.of(newest.getTimestamp(0).toInstant());
  }

  private Lag lag(DatasetConfig dataset, JobName job, String checkpoint) {
    try {
      return switch (job) {
        case INGEST -> kafkaLag(dataset, checkpoint);
        case DESERIALIZE -> deltaLag("raw", dataset.table(TableLayer.RAW), checkpoint);
        case MERGE -> deltaLag("bronze", dataset.table(TableLayer.BRONZE), checkpoint);
      };
    } catch (RuntimeException e) {
      String input = job == JobName.INGEST ? "kafka" : job == JobName.MERGE ? "bronze" : "raw";
      return Lag.unknown(input, Secrets.scrub(JobEvents.firstLine(e)));
    }
  }

  private Lag kafkaLag(DatasetConfig dataset, String checkpoint) {
    KafkaEnds ends = KafkaEnds.of(config.kafka(), dataset.topic());
    Optional<KafkaPosition> position = KafkaPosition.read(hadoop, checkpoint);
    long records =
        Lag.kafkaRecords(
            ends.end(), position.map(KafkaPosition::nextOffsets).orElse(Map.of()), ends.earliest());
    return new Lag("kafka", records, null, position.isEmpty() ? "no batch committed yet" : null);
  }

  private Lag deltaLag(String input, TableRef table, String checkpoint) {
    if (!table.exists(spark)) {
      return Lag.unknown(input, input + " table does not exist yet");
    }
    Optional<StreamPosition> position = StreamPosition.read(hadoop, checkpoint);
    long through = position.map(StreamPosition::processedThrough).orElse(-1L);
    Row[] commits =
        (Row[])
            table
                .deltaTable(spark)
                .history(MAX_COMMITS)
                .select("version", "operationMetrics")
                .collect();
    long latest = commits.length == 0 ? -1 : commits[0].getLong(0);
    long versions = Lag.versionsBehind(latest, through);
    Long rows = 0L;
    for (Row commit : commits) {
      if (commit.getLong(0) > through && !commit.isNullAt(1)) {
        Map<String, String> metrics = commit.getJavaMap(1);
        rows += Long.parseLong(metrics.getOrDefault("numOutputRows", "0"));
      }
    }
    String note = null;
    if (versions > commits.length) {
      rows = null;
      note = "more than " + MAX_COMMITS + " versions behind";
    } else if (position.isPresent() && position.get().insideVersion()) {
      note = "inside a version: rows behind counted from its start";
    } else if (position.isEmpty()) {
      note = "no batch committed yet";
    }
    return new Lag(input, rows, versions, note);
  }

  /** Dead letters that failed in the last 24 hours; null when there is no dead-letter table. */
  private Long deadLetters24h(TableRef table) {
    if (!table.exists(spark)) {
      return null;
    }
    Instant since = now.minusSeconds(24 * 3600);
    LocalDate firstDay = since.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    return table
        .read(spark)
        .where(
            col("failed_date")
                .geq(lit(java.sql.Date.valueOf(firstDay)))
                .and(col("failed_at").geq(lit(Timestamp.from(since)))))
        .count();
  }
}
