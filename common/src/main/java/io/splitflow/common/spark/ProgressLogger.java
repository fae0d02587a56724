package io.splitflow.common.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.config.Secrets;
import io.splitflow.common.events.BatchTally;
import io.splitflow.common.job.JobContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per micro-batch, so an operator can follow what the job does and grep it: input
 * rows, rates, duration by phase, Kafka lag (ingest) and the rows written per table (from the
 * batch's event-log row, see {@link BatchTally}). Nothing from the config's secrets goes into a
 * line.
 */
public final class ProgressLogger extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.progress");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JobContext context;

  /** The id of this job's query (stable across restarts); other queries share the listener bus. */
  private volatile UUID queryId;

  public ProgressLogger(JobContext context) {
    this.context = context;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    if (context.queryName().equals(event.name())) {
      queryId = event.id();
      LOG.info(line("started").put("query_id", event.id().toString()).toString());
    }
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    if (!context.queryName().equals(progress.name())) {
      return;
    }
    ObjectNode line =
        line("batch")
            .put("batch_id", progress.batchId())
            .put("input_rows", progress.numInputRows())
            .put("rows_per_second", Math.round(progress.processedRowsPerSecond()))
            .put("input_rows_per_second", Math.round(progress.inputRowsPerSecond()));
    ObjectNode durations = line.putObject("duration_ms");
    progress.durationMs().forEach((phase, ms) -> durations.put(phase, ms));
    for (SourceProgress source : progress.sources()) {
      if (source.endOffset() != null) {
        line.put("end_offset", source.endOffset());
      }
      kafkaLag(source.metrics()).ifPresent(lag -> line.set("kafka_lag", lag));
    }
    BatchTally.take(progress.id().toString(), progress.batchId())
        .ifPresent(
            counts -> {
              ObjectNode written = line.putObject("written");
              counts.forEach(written::put);
            });
    LOG.info(line.toString());
  }

  /**
   * Offsets behind latest (Kafka's end offsets when the batch was planned), over the partitions:
   * Spark's Kafka source reports them in its metrics; other sources report none.
   */
  static Optional<ObjectNode> kafkaLag(Map<String, String> metrics) {
    if (metrics == null || !metrics.containsKey("maxOffsetsBehindLatest")) {
      return Optional.empty();
    }
    ObjectNode lag = JSON.createObjectNode();
    for (String stat : new String[] {"min", "avg", "max"}) {
      String value = metrics.get(stat + "OffsetsBehindLatest");
      if (value != null) {
        lag.put(stat, Math.round(Double.parseDouble(value)));
      }
    }
    return Optional.of(lag);
  }

  @Override
  public void onQueryIdle(QueryIdleEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    if (!event.id().equals(queryId)) {
      return;
    }
    ObjectNode line = line("terminated").put("query_id", event.id().toString());
    if (event.exception().isDefined()) {
      // Kafka and Spark errors may quote a client option; its password stays out of the log. The
      // first line only: Spark logs the stack trace itself, and one event is one line
      String error = event.exception().get();
      int newline = error.indexOf('\n');
      line.put("error", Secrets.scrub(newline < 0 ? error : error.substring(0, newline)));
    }
    LOG.info(line.toString());
  }

  private ObjectNode line(String event) {
    return JSON.createObjectNode()
        .put("event", event)
        .put("job", context.job().id())
        .put("dataset", context.dataset().name());
  }
}
