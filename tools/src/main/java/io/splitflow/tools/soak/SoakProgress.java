package io.splitflow.tools.soak;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/** Per query: batches run, rows read, and the longest batch, from the queries' progress events. */
final class SoakProgress extends StreamingQueryListener {
  record Totals(long batches, long rows, long longestBatchMs) {}

  private final Map<String, AtomicLong[]> byQuery = new ConcurrentHashMap<>();

  Totals totals(String queryName) {
    AtomicLong[] t = byQuery.get(queryName);
    return t == null ? new Totals(0, 0, 0) : new Totals(t[0].get(), t[1].get(), t[2].get());
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    if (progress.name() == null) {
      return;
    }
    AtomicLong[] t =
        byQuery.computeIfAbsent(
            progress.name(),
            n -> new AtomicLong[] {new AtomicLong(), new AtomicLong(), new AtomicLong()});
    if (progress.numInputRows() > 0) {
      t[0].incrementAndGet();
      t[1].addAndGet(progress.numInputRows());
    }
    Long duration = progress.durationMs().get("triggerExecution");
    if (duration != null) {
      t[2].accumulateAndGet(duration, Math::max);
    }
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}
}
