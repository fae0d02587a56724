package io.splitflow.common.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.trigger.TriggerSpec;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For an {@code available-now} run, one line per batch on how far the catch-up is: {@code
 * {"event":"catch_up","done":..,"of":..,"rate":..,"eta_seconds":..}}. {@code done} counts the rows
 * read so far; {@code of} is that plus what the source still holds up to the run's end: Kafka
 * records up to the latest offsets, or the rows the Delta history records for the input versions
 * not read yet. It removes itself when the query ends.
 */
public final class CatchUpProgress extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.progress");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final JobContext context;
  private UUID queryId;
  private long done;
  private long startedNanos;

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
    long current = input.deltaTable(spark).history(1).first().getLong(0);
    long last = Backlog.isDelta(latest) ? Backlog.delta(latest).version() : current;
    long from = next.index() >= 0 ? next.version() + 1 : next.version();
    if (from > last) {
      return OptionalLong.of(0);
    }
    Row rows =
        input
            .deltaTable(spark)
            .history((int) Math.min(Integer.MAX_VALUE, current - from + 1))
            .where(col("version").between(from, last))
            // appends; not OPTIMIZE (no new rows) nor maintain's trims of raw
            .where(col("operation").isin("WRITE", "STREAMING UPDATE"))
            .selectExpr("sum(cast(operationMetrics['numOutputRows'] AS BIGINT))")
            .first();
    return OptionalLong.of(rows.isNullAt(0) ? 0 : rows.getLong(0));
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
