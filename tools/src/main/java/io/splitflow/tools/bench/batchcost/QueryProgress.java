package io.splitflow.tools.bench.batchcost;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Counts the micro-batches that ran and the input records they read, from the progress events of
 * the queries a session runs, one measured run at a time. Spark delivers the events on its listener
 * bus after the query has returned, so {@link #drain} waits for each started query's end event.
 */
public final class QueryProgress extends StreamingQueryListener {
  private final Map<UUID, Map<Long, Long>> rowsByBatch = new HashMap<>();
  private int started;
  private int terminated;

  /** What the queries since the last drain did. */
  public record Counted(long batches, long records) {}

  @Override
  public synchronized void onQueryStarted(QueryStartedEvent event) {
    started++;
  }

  @Override
  public synchronized void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress p = event.progress();
    // a trigger that found no data reports the next batch's id without running it
    if (p.numInputRows() > 0) {
      rowsByBatch
          .computeIfAbsent(p.runId(), k -> new HashMap<>())
          .put(p.batchId(), p.numInputRows());
    }
  }

  @Override
  public synchronized void onQueryIdle(QueryIdleEvent event) {}

  @Override
  public synchronized void onQueryTerminated(QueryTerminatedEvent event) {
    terminated++;
    notifyAll();
  }

  /**
   * Waits until every query started since the last drain has ended, then returns their batches and
   * records and starts counting afresh.
   */
  public synchronized Counted drain(Duration timeout)
      throws InterruptedException, TimeoutException {
    long until = System.nanoTime() + timeout.toNanos();
    while (started == 0 || terminated < started) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException(
            "no end event from Spark's listener bus for "
                + (started - terminated)
                + " of "
                + started
                + " streaming queries after "
                + timeout.toSeconds()
                + " s");
      }
      wait(Math.max(1, left / 1_000_000));
    }
    long batches = rowsByBatch.values().stream().mapToLong(Map::size).sum();
    long records =
        rowsByBatch.values().stream()
            .flatMap(m -> m.values().stream())
            .mapToLong(Long::longValue)
            .sum();
    rowsByBatch.clear();
    started = 0;
    terminated = 0;
    return new Counted(batches, records);
  }
}
