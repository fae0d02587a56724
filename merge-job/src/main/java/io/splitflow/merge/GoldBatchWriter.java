package io.splitflow.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.events.JobEvents;
import io.splitflow.common.job.CheckpointLock;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.table.Transactions;
import io.splitflow.merge.metrics.BatchCounts;
import io.splitflow.merge.metrics.MergeEvent;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Merges one micro-batch of bronze into gold. The MERGE carries (txnAppId, batchId): if the job
 * dies after the MERGE commits and before the checkpoint does, the re-run batch is skipped. Then
 * one {@code batch} row goes to the event log with the merge counts and the newest Kafka timestamp
 * among the batch's records, which {@code splitflow status} measures gold's freshness by.
 */
final class GoldBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  /** The details key of the newest Kafka timestamp a merge batch carried into gold. */
  static final String NEWEST_SOURCE_TIMESTAMP = "newest_source_timestamp";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final JobContext context;
  private final JobEvents events;

  GoldBatchWriter(JobContext context) {
    this.context = context;
    this.events = new JobEvents(context);
  }

  @Override
  public void call(Dataset<Row> bronze, Long batchId) {
    SparkSession spark = bronze.sparkSession();
    // with schema evolution, the columns deserialize added to bronze reach gold too
    MergeSpec spec =
        MergeSpec.of(context.dataset(), MergeTuning.from(spark.conf()))
            .withBronzeColumns(bronze.schema());
    String queryId = Transactions.currentQueryId(spark);
    String txnAppId = context.txnAppId(queryId);
    // the batch is read once: MergeBatch caches its versions, and takes the counts and the newest
    // Kafka timestamp in one pass over them
    MergeBatch merge =
        new MergeBatch(
                spark, spec, context.table(TableLayer.GOLD), context.table(TableLayer.MERGE_EVENTS))
            // a paused driver that lost its lock writes nothing
            .beforeWrite(() -> CheckpointLock.requireHeld(context.checkpoint()));
    MergeEvent merged = merge.run(bronze, batchId, txnAppId);
    FaultPoints.check(FaultPoints.MERGE_AFTER_MERGE);
    Timestamp newest = merge.newestSourceTimestamp().orElse(null);
    events.batch(spark, queryId, batchId, () -> row(merged, newest));
  }

  static JobEvents.BatchRow row(MergeEvent merged, Timestamp newest) {
    BatchCounts c = merged.counts();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("inserted", c.inserted());
    counts.put("updated", c.updated());
    counts.put("deleted", c.deleted());
    counts.put("unchanged", c.unchanged());
    counts.put("ignored_late", c.ignoredLate());
    counts.put("late", c.late());
    counts.put("skipped", c.skipped());
    ObjectNode details =
        JSON.createObjectNode()
            .put("gold_version", merged.goldVersion())
            .put("committed", merged.committed())
            .put("attempts", merged.attempts());
    if (newest != null) {
      details.put(NEWEST_SOURCE_TIMESTAMP, newest.toInstant().toString());
    }
    return new JobEvents.BatchRow(c.input(), counts, details.toString());
  }
}
