package io.splitflow.common.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.config.Secrets;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobVersion;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job run's rows in the event log: {@code start} when its query starts, {@code batch} per
 * micro-batch, {@code stop} when it ends normally and {@code error} per failure. The event log is
 * for people: a write that fails is logged and the job goes on.
 */
public final class JobEvents {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.events");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JobContext context;
  private final EventLog log;
  private String queryId;

  public JobEvents(JobContext context) {
    this.context = context;
    this.log = EventLog.of(context.config(), context.job());
  }

  public void started(SparkSession spark, String startedQueryId) {
    queryId = startedQueryId;
    String details =
        JSON.createObjectNode()
            .put("trigger", context.trigger().toString())
            .put("checkpoint", context.checkpoint())
            .toString();
    append(spark, Event.START, "started", details);
  }

  /** The query ended without an error; {@code reason} says why, e.g. available-now drained. */
  public void stopped(SparkSession spark, String reason) {
    append(spark, Event.STOP, reason, null);
  }

  /** A failure, masked and cut to its first line; {@code restarting} says the job goes on. */
  public void failed(SparkSession spark, Throwable failure, boolean restarting) {
    failed(spark, failure, restarting ? "restart" : "exit");
  }

  /**
   * A failure, masked and cut to its first line; {@code then} says what follows: {@code restart},
   * {@code exit}, {@code isolate} (the application's other datasets go on) or {@code stop-all}.
   */
  public void failed(SparkSession spark, Throwable failure, String then) {
    // Spark wraps a batch's own error (StreamingQueryException, ForeachBatchUserFuncException):
    // the innermost one says what went wrong
    Throwable cause = rootCause(failure);
    String details =
        JSON.createObjectNode()
            .put("restarting", then.equals("restart"))
            .put("then", then)
            .put("exception", cause.getClass().getName())
            .toString();
    append(spark, Event.ERROR, Secrets.scrub(rootMessage(failure)), details);
  }

  /**
   * The first line of the innermost cause's message (its class when it has none): Spark wraps the
   * real reason in several layers. Not masked.
   */
  public static String rootMessage(Throwable failure) {
    Throwable cause = rootCause(failure);
    return cause.getMessage() == null ? cause.getClass().getName() : firstLine(cause);
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** What a batch row says: the rows the batch read, what it wrote, and details as JSON. */
  public record BatchRow(long inputRows, Map<String, Long> counts, String details) {}

  /**
   * A {@code batch} row, once per (query, batch): a batch re-run after a crash adds no second row.
   * {@code row} is computed inside the guard, so a failure to gather the counts is logged too.
   */
  public void batch(SparkSession spark, String batchQueryId, long batchId, Supplier<BatchRow> row) {
    write(
        () -> {
          BatchRow batch = row.get();
          Event event =
              Event.batch(
                  context.dataset().name(),
                  context.job().id(),
                  batchQueryId,
                  batchId,
                  batch.inputRows(),
                  batch.counts(),
                  batch.details(),
                  JobVersion.current());
          log.appendOnce(spark, event, batchAppId(context, batchQueryId), batchId);
        });
  }

  /**
   * The transaction app id of a job's batch rows: not its data writes' id (the event log is a table
   * with versions of its own) nor ingest's {@code data_lost} rows' id.
   */
  static String batchAppId(JobContext context, String queryId) {
    return "splitflow-"
        + context.dataset().name()
        + "-"
        + context.job().id()
        + "-batches-"
        + queryId;
  }

  private void append(SparkSession spark, String event, String message, String details) {
    Event row =
        Event.lifecycle(
            context.dataset().name(),
            context.job().id(),
            event,
            queryId,
            message,
            details,
            JobVersion.current());
    write(() -> log.append(spark, row));
  }

  private void write(Runnable write) {
    try {
      write.run();
    } catch (Exception e) { // Delta throws IOExceptions unchecked, from Scala
      LOG.warn(
          JSON.createObjectNode()
              .put("event", "event_log_write_failed")
              .put("job", context.job().id())
              .put("dataset", context.dataset().name())
              .put("table", log.table().toString())
              .put("error", Secrets.scrub(firstLine(e)))
              .toString());
    }
  }

  public static String firstLine(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
