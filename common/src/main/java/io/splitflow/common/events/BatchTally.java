package io.splitflow.common.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hands a batch's counts from its writer (which knows them) to the per-batch log line (which Spark
 * writes after the batch, on its listener thread): every batch row the event log takes is kept here
 * by (query id, batch id) until the line takes it. Bounded, so a session without the listener does
 * not grow it.
 */
public final class BatchTally {
  private static final int MAX_PENDING = 64;

  private static final Map<String, Map<String, Long>> PENDING =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Long>> eldest) {
          return size() > MAX_PENDING;
        }
      };

  private BatchTally() {}

  static synchronized void put(String queryId, long batchId, Map<String, Long> counts) {
    PENDING.put(key(queryId, batchId), counts); // an Event's counts: unmodifiable, in order
  }

  /** The counts of one batch, once: a second call finds nothing. */
  public static synchronized Optional<Map<String, Long>> take(String queryId, long batchId) {
    return Optional.ofNullable(PENDING.remove(key(queryId, batchId)));
  }

  private static String key(String queryId, long batchId) {
    return queryId + "/" + batchId;
  }
}
