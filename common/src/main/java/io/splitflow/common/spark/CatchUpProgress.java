package io.splitflow.common.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.table.DeltaCommits;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.trigger.TriggerSpec;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For an {@code available-now} run, one line per batch on how far the catch-up is: {@code
 * {"event":"catch_up","done":..,"of":..,"rate":..,"eta_seconds":..}}. {@code done} counts the rows
 * read so far; {@code of} is that plus what the source still holds up to the run's end: Kafka
 * records up to the latest offsets, or the rows the input's commits record for the versions not
 * read yet. It removes itself when the query ends.
 */
public final class CatchUpProgress extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.progress");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final JobContext context;
  private UUID queryId;
  private long done;
  private long startedNanos;

  /** Rows appended per input version not read yet, read once each. */
  private final NavigableMap<Long, Long> rowsByVersion = new TreeMap<>();

  private static final Set<String> APPENDS = Set.of("WRITE", "STREAMING UPDATE");

  private CatchUpProgress(SparkSession spark, JobContext context) {
    this.spark = spark;
    this.context = context;
  }

  /** Registers the listener for a run with the {@code available-now} trigger; else nothing. */
  public static void register(SparkSession spark, JobContext context) {
    if (context.trigger() instanceof TriggerSpec.AvailableNow) {
      spark.streams().addListener(new CatchUpProgress(spark, context));
    }
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    if (queryId == null && context.queryName().equals(event.name())) {
      queryId = event.id();
      done = 0;
      startedNanos = System.nanoTime();
    }
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    if (!progress.id().equals(queryId) || progress.sources().length != 1) {
      return;
    }
    if (startedNanos == 0) {
      startedNanos = System.nanoTime();
    }
    done += progress.numInputRows();
    SourceProgress source = progress.sources()[0];
    OptionalLong remaining;
    try {
      remaining = remaining(source);
    } catch (RuntimeException e) {
      return; // progress is a courtesy: a history that cannot be read says nothing
    }
    if (remaining.isEmpty()) {
      return;
    }
    double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
    double rate = done / seconds;
    LOG.info(
        JSON.createObjectNode()
            .put("event", "catch_up")
            .put("job", context.job().id())
            .put("dataset", context.dataset().name())
            .put("batch_id", progress.batchId())
            .put("done", done)
            .put("of", done + remaining.getAsLong())
            .put("rate", Math.round(rate))
            .put("eta_seconds", Backlog.etaSeconds(remaining.getAsLong(), rate))
            .toString());
  }

  private OptionalLong remaining(SourceProgress source) {
    JsonNode end = Backlog.parse(source.endOffset());
    JsonNode latest = Backlog.parse(source.latestOffset());
    if (!Backlog.isDelta(end)) {
      return Backlog.kafkaRemaining(end, latest);
    }
    Backlog.DeltaPosition next = Backlog.delta(end);
    TableRef input =
        context.table(context.job() == JobName.MERGE ? TableLayer.BRONZE : TableLayer.RAW);
    DeltaLog log = DeltaCommits.log(spark, input);
    long last =
        Backlog.isDelta(latest) ? Backlog.delta(latest).version() : DeltaCommits.latestVersion(log);
    long from = next.index() >= 0 ? next.version() + 1 : next.version();
    rowsByVersion.headMap(from).clear(); // read already: never asked for again
    long rows = 0;
    for (long version = from; version <= last; version++) {
      rows += rowsByVersion.computeIfAbsent(version, v -> appendedRows(log, v));
    }
    return OptionalLong.of(rows);
  }

  /**
   * The rows one input commit appended, from its commit file (a commit never changes, so each is
   * read once): appends, not OPTIMIZE (no new rows) nor maintain's trims of raw. Delta's history
   * would run a Spark job over the whole backlog's commits after every batch.
   */
  private static long appendedRows(DeltaLog log, long version) {
    return DeltaCommits.read(log, version)
        .filter(c -> c.info().map(i -> APPENDS.contains(i.operation())).orElse(false))
        .map(c -> Long.parseLong(c.operationMetrics().getOrDefault("numOutputRows", "0")))
        .orElse(0L);
  }

  @Override
  public void onQueryIdle(QueryIdleEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    if (event.id().equals(queryId)) {
      spark.streams().removeListener(this);
    }
  }
}
