package io.splitflow.tools.status;

import java.time.Instant;
import java.util.Optional;

/**
 * One job of one dataset: its last batch, its last start, stop or error, and its lag.
 *
 * @param lastEvent the newest {@code start}, {@code stop} or {@code error} row, if any
 */
public record JobStatus(
    String job, Optional<LastBatch> lastBatch, Optional<LastEvent> lastEvent, Lag lag) {

  /**
   * @param inputRows null when only the checkpoint knows the batch
   * @param source {@code event-log} or {@code checkpoint}
   */
  public record LastBatch(Instant time, long batchId, Long inputRows, String source) {}

  public record LastEvent(Instant time, String event, String message) {}
}
