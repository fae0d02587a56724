package io.splitflow.common.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the event log: something a job did to a dataset.
 *
 * @param event {@code batch}, {@code start}, {@code stop}, {@code error} or {@code data_lost}
 * @param queryId the streaming query id (stable for a checkpoint), null outside a query
 * @param batchId the micro-batch id, null for events that are not batches
 * @param inputRows the rows the batch read, null for events that are not batches
 * @param counts named counts, e.g. {@code bronze_rows}, {@code dropped:<rule>}
 * @param details a JSON object with what does not fit a count, e.g. the offsets a batch covered
 */
public record Event(
    Instant eventTime,
    String dataset,
    String job,
    String event,
    String queryId,
    Long batchId,
    Long inputRows,
    Map<String, Long> counts,
    String details,
    String message,
    String jobVersion) {
  public static final String BATCH = "batch";
  public static final String START = "start";
  public static final String STOP = "stop";
  public static final String ERROR = "error";

  /** Kafka deleted records before ingest read them, and the config said to go on. */
  public static final String DATA_LOST = "data_lost";

  public Event {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** A {@code batch} event, timed now. */
  public static Event batch(
      String dataset,
      String job,
      String queryId,
      long batchId,
      long inputRows,
      Map<String, Long> counts,
      String details,
      String jobVersion) {
    return new Event(
        Instant.now(),
        dataset,
        job,
        BATCH,
        queryId,
        batchId,
        inputRows,
        counts,
        details,
        null,
        jobVersion);
  }

  /** A {@code start}, {@code stop} or {@code error} event of a job run, timed now. */
  public static Event lifecycle(
      String dataset,
      String job,
      String event,
      String queryId,
      String message,
      String details,
      String jobVersion) {
    return new Event(
        Instant.now(),
        dataset,
        job,
        event,
        queryId,
        null,
        null,
        Map.of(),
        details,
        message,
        jobVersion);
  }
}
