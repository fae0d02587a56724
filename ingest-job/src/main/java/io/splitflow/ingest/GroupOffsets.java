package io.splitflow.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.config.KafkaSettings;
import io.splitflow.common.config.Secrets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits each batch's end offsets to the consumer group {@code kafka.commit-offsets-to-group}, so
 * lag dashboards that read consumer groups see ingest. For monitoring only: the checkpoint stays
 * the truth, and a failed commit is logged, never fails the batch.
 */
final class GroupOffsets implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.progress");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 30;

  private final KafkaSettings kafka;
  private final String dataset;
  private final String checkpoint;
  private final LazyAdmin admin;

  GroupOffsets(KafkaSettings kafka, String dataset, String checkpoint) {
    this.kafka = kafka;
    this.admin = new LazyAdmin(kafka);
    this.dataset = dataset;
    this.checkpoint = checkpoint;
  }

  /** Commits the end offsets of {@code batchId} (from the checkpoint), when a group is set. */
  void commit(long batchId, Configuration hadoop) {
    Optional<String> group = kafka.commitOffsetsToGroup();
    if (group.isEmpty()) {
      return;
    }
    try {
      Optional<Map<TopicPartition, Long>> end =
          CheckpointOffsets.endOf(checkpoint, batchId, hadoop);
      if (end.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      end.get()
          .forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
      admin()
          .alterConsumerGroupOffsets(group.get(), offsets)
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      warn(group.get(), batchId, e);
    } catch (Exception e) {
      warn(group.get(), batchId, e);
    }
  }

  private void warn(String group, long batchId, Exception e) {
    LOG.warn(
        JSON.createObjectNode()
            .put("event", "group_commit_failed")
            .put("job", "ingest")
            .put("dataset", dataset)
            .put("group", group)
            .put("batch_id", batchId)
            .put("error", Secrets.scrub(String.valueOf(e.getMessage())))
            .toString());
  }

  private Admin admin() {
    return admin.get();
  }

  @Override
  public void close() {
    admin.close();
  }
}
