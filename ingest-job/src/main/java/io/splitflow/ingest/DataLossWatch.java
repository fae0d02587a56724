package io.splitflow.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.config.KafkaSettings;
import io.splitflow.common.events.Event;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, before a batch reads Kafka, the offsets it was meant to read that Kafka no longer holds:
 * the batch starts where the previous one ended (the checkpoint's offsets log), and any partition
 * whose earliest offset is now beyond that start has lost the records in between. With {@code
 * fail-on-data-loss: true} the job stops naming the range; with {@code false} it logs the range and
 * records it in the event log (event {@code data_lost}), and goes on.
 */
final class DataLossWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.ingest");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  private final KafkaSettings kafka;
  private final String dataset;
  private final String checkpoint;
  private final EventLog events;
  private final LazyAdmin admin;

  DataLossWatch(KafkaSettings kafka, String dataset, String checkpoint, EventLog events) {
    this.kafka = kafka;
    this.admin = new LazyAdmin(kafka);
    this.dataset = dataset;
    this.checkpoint = checkpoint;
    this.events = events;
  }

  /** Checks batch {@code batchId}; throws {@link DataLossException} if configured to. */
  void check(SparkSession spark, String queryId, long batchId, Configuration hadoop) {
    Optional<Map<TopicPartition, Long>> start =
        CheckpointOffsets.endOf(checkpoint, batchId - 1, hadoop);
    Optional<Map<TopicPartition, Long>> end = CheckpointOffsets.endOf(checkpoint, batchId, hadoop);
    if (start.isEmpty() || end.isEmpty()) {
      return; // the first batch starts at the configured starting offsets: nothing to lose yet
    }
    List<LostRange> lost = lost(start.get(), end.get(), earliest(start.get().keySet()));
    if (lost.isEmpty()) {
      return;
    }
    if (kafka.failOnDataLoss()) {
      throw new DataLossException(dataset, batchId, lost);
    }
    ArrayNode ranges = JSON.createArrayNode();
    for (LostRange range : lost) {
      ObjectNode line =
          JSON.createObjectNode()
              .put("event", Event.DATA_LOST)
              .put("job", JobName.INGEST.id())
              .put("dataset", dataset)
              .put("batch_id", batchId);
      ObjectNode where =
          JSON.createObjectNode()
              .put("topic", range.partition().topic())
              .put("partition", range.partition().partition())
              .put("from_offset", range.from())
              .put("until_offset", range.until())
              .put("records", range.records());
      if (range.wentBack()) {
        where.put("went_back_from", range.wentBackFrom());
      }
      ranges.add(where);
      LOG.warn(line.setAll(where).toString());
    }
    long records = lost.stream().mapToLong(LostRange::records).sum();
    // once per batch, like the batch's own writes: a re-run batch does not record the loss twice
    events.appendOnce(
        spark,
        new Event(
            Instant.now(),
            dataset,
            JobName.INGEST.id(),
            Event.DATA_LOST,
            queryId,
            batchId,
            null,
            Map.of("lost_records", records),
            JSON.createObjectNode().set("lost", ranges).toString(),
            records + " records deleted from Kafka before ingest read them: " + lost,
            JobVersion.current()),
        "splitflow-" + dataset + "-ingest-events-" + queryId,
        batchId);
  }

  /**
   * The ranges of [start, end) per partition that lie below Kafka's earliest offset; and for a
   * partition whose end is below its start (its offsets went back: the topic was recreated), the
   * records [earliest, end) that Spark's source skips with the range it cannot read.
   */
  static List<LostRange> lost(
      Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> end,
      Map<TopicPartition, Long> earliest) {
    List<LostRange> lost = new ArrayList<>();
    for (Map.Entry<TopicPartition, Long> from : start.entrySet()) {
      Long first = earliest.get(from.getKey());
      Long until = end.get(from.getKey());
      if (until != null && until < from.getValue()) {
        long recreatedFrom = first != null ? Math.max(0, first) : 0;
        if (until > recreatedFrom) {
          lost.add(new LostRange(from.getKey(), recreatedFrom, until, from.getValue()));
        }
        continue;
      }
      if (first != null && until != null && first > from.getValue()) {
        long lostUntil = Math.min(first, until);
        if (lostUntil > from.getValue()) {
          lost.add(new LostRange(from.getKey(), from.getValue(), lostUntil));
        }
      }
    }
    lost.sort(
        Comparator.comparing((LostRange r) -> r.partition().topic())
            .thenComparingInt(r -> r.partition().partition()));
    return lost;
  }

  private Map<TopicPartition, Long> earliest(java.util.Set<TopicPartition> partitions) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, OffsetSpec.earliest()));
    try {
      Map<TopicPartition, ListOffsetsResultInfo> result =
          admin().listOffsets(request).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, Long> earliest = new HashMap<>();
      result.forEach((partition, info) -> earliest.put(partition, info.offset()));
      return earliest;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading Kafka's earliest offsets", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not read Kafka's earliest offsets of " + partitions + ": " + e.getMessage(), e);
    }
  }

  private Admin admin() {
    return admin.get();
  }

  @Override
  public void close() {
    admin.close();
  }

  /** Kafka deleted records ingest had not read, and the config says to stop. */
  static final class DataLossException extends io.splitflow.common.job.PermanentException {
    DataLossException(String dataset, long batchId, List<LostRange> lost) {
      super(
          "kafka.data-lost",
          "dataset "
              + dataset
              + ": Kafka no longer holds records ingest has not read yet (batch "
              + batchId
              + "): "
              + String.join("; ", lost.stream().map(LostRange::toString).toList())
              + ". Retention or deleteRecords removed them; they cannot reach raw. To skip them"
              + " and go on, run once with --set kafka.fail-on-data-loss=false (the skipped"
              + " range is logged as a data_lost event).");
    }
  }
}
