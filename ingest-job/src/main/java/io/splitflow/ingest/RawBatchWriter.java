package io.splitflow.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.events.JobEvents;
import io.splitflow.common.job.CheckpointLock;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.table.DeltaCommits;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.table.Transactions;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Appends one micro-batch of Kafka records to raw. The append carries (txnAppId, batchId): if the
 * job dies after the append commits and before the checkpoint does, the re-run batch is skipped.
 * Before reading, the batch checks that Kafka still holds every offset it is meant to read. After
 * it, one {@code batch} row goes to the event log: the rows raw took (from the append's commit, so
 * no second read of Kafka) and the offsets the batch covered.
 */
final class RawBatchWriter implements VoidFunction2<Dataset<Row>, Long>, AutoCloseable {
  private final JobContext context;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DataLossWatch dataLoss;
  private final JobEvents events;
  private final GroupOffsets groupOffsets;

  RawBatchWriter(JobContext context) {
    this.context = context;
    this.dataLoss =
        new DataLossWatch(
            context.config().kafka(),
            context.dataset().name(),
            context.checkpoint(),
            EventLog.of(context.config(), context.job()));
    this.events = new JobEvents(context);
    this.groupOffsets =
        new GroupOffsets(context.config().kafka(), context.dataset().name(), context.checkpoint());
  }

  @Override
  public void call(Dataset<Row> kafka, Long batchId) {
    SparkSession spark = kafka.sparkSession();
    String queryId = Transactions.currentQueryId(spark);
    Configuration hadoop = spark.sessionState().newHadoopConf();
    dataLoss.check(spark, queryId, batchId, hadoop);
    String txnAppId = context.txnAppId(queryId);
    TableRef raw = context.table(TableLayer.RAW);
    FaultPoints.check(FaultPoints.INGEST_BEFORE_RAW);
    CheckpointLock.requireHeld(context.checkpoint()); // a paused driver that lost it writes nothing
    Transactions.appendOnce(RawRows.fromKafka(kafka), raw, txnAppId, batchId);
    FaultPoints.check(FaultPoints.INGEST_AFTER_RAW);
    groupOffsets.commit(batchId, hadoop);
    events.batch(
        spark,
        queryId,
        batchId,
        () -> {
          long rows = rowsOfBatch(spark, raw, txnAppId, batchId);
          return new JobEvents.BatchRow(rows, Map.of("raw_rows", rows), offsets(batchId, hadoop));
        });
  }

  /** How many of raw's latest commits to search for the batch's own (maintain may add some). */
  static final int LOOKBACK = 20;

  /**
   * The rows raw took from this batch: its append's commit, or the one an earlier run of this batch
   * made (found by the batch's SetTransaction). Read from the Delta log's newest commit files, not
   * from the data nor through {@code history()}, which runs a Spark job.
   */
  private static long rowsOfBatch(SparkSession spark, TableRef raw, String txnAppId, long batchId) {
    return DeltaCommits.findTransaction(DeltaCommits.log(spark, raw), LOOKBACK, txnAppId, batchId)
        .map(commit -> Long.parseLong(commit.operationMetrics().getOrDefault("numOutputRows", "0")))
        .orElse(0L);
  }

  /** {@code {"offsets":[{"topic":..,"partition":..,"from":..,"until":..}]}}, until exclusive. */
  private String offsets(long batchId, Configuration hadoop) {
    Optional<Map<TopicPartition, Long>> start =
        CheckpointOffsets.endOf(context.checkpoint(), batchId - 1, hadoop);
    Optional<Map<TopicPartition, Long>> end =
        CheckpointOffsets.endOf(context.checkpoint(), batchId, hadoop);
    ObjectNode details = JSON.createObjectNode();
    ArrayNode ranges = details.putArray("offsets");
    end.orElse(Map.of()).entrySet().stream()
        .sorted(
            Map.Entry.comparingByKey(
                java.util.Comparator.comparing(TopicPartition::topic)
                    .thenComparingInt(TopicPartition::partition)))
        .forEach(
            e -> {
              ObjectNode range =
                  ranges
                      .addObject()
                      .put("topic", e.getKey().topic())
                      .put("partition", e.getKey().partition());
              Long from = start.map(s -> s.get(e.getKey())).orElse(null);
              if (from != null) {
                range.put("from", from);
              }
              range.put("until", e.getValue());
            });
    return details.toString();
  }

  @Override
  public void close() {
    dataLoss.close();
    groupOffsets.close();
  }
}
