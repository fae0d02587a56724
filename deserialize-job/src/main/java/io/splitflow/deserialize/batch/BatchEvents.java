package io.splitflow.deserialize.batch;

import io.splitflow.common.events.Event;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.events.SourceRange;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Appends one {@code batch} row per deserialize batch to the event log, after bronze and the
 * dead-letter table have the batch. It carries the batch's counts ({@code dropped:<rule>} per drop
 * rule, {@code dead_letter:<reason>} per reason) and, in {@code details}, the raw offsets it read
 * per topic-partition. Its (txnAppId, batchId) is its own, so a batch re-run after a crash adds no
 * second row, whichever of the three writes had landed.
 */
public final class BatchEvents {
  private final JobContext context;
  private final EventLog log;

  public BatchEvents(JobContext context) {
    this.context = context;
    this.log = EventLog.of(context.config(), context.job());
  }

  public void append(SparkSession spark, String queryId, long batchId, BatchCounts counts) {
    Event event =
        Event.batch(
            context.dataset().name(),
            context.job().id(),
            queryId,
            batchId,
            counts.input(),
            countsOf(counts),
            SourceRange.toDetails(counts.sources()),
            JobVersion.current());
    log.appendOnce(spark, event, appId(queryId), batchId);
  }

  /** Not the data writes' app id: the event log is a table of its own with its own versions. */
  String appId(String queryId) {
    return "splitflow-"
        + context.dataset().name()
        + "-"
        + context.job().id()
        + "-events-"
        + queryId;
  }

  static Map<String, Long> countsOf(BatchCounts counts) {
    Map<String, Long> map = new LinkedHashMap<>();
    map.put("bronze_rows", counts.bronze());
    map.put("deletes", counts.deletes());
    map.put("dead_letters", counts.deadLetters());
    map.put("dropped", counts.dropped());
    map.put("warned", counts.warned());
    counts.droppedByRule().forEach((rule, n) -> map.put("dropped:" + rule, n));
    counts.deadLettersByReason().forEach((reason, n) -> map.put("dead_letter:" + reason, n));
    return map;
  }
}
