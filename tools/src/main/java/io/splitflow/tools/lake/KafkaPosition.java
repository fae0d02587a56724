package io.splitflow.tools.lake;

import io.splitflow.ingest.CheckpointOffsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.common.TopicPartition;

/**
 * How far ingest has read Kafka, from its checkpoint: the end offsets of its last committed batch
 * ({@code {"topic":{"0":42,"1":17}}}), i.e. the next offset it will read per partition.
 */
public record KafkaPosition(CheckpointLog log, Map<TopicPartition, Long> nextOffsets) {

  public static Optional<KafkaPosition> read(Configuration hadoop, String checkpoint) {
    return CheckpointLog.lastCommitted(hadoop, checkpoint)
        .map(log -> new KafkaPosition(log, parse(log)));
  }

  static Map<TopicPartition, Long> parse(CheckpointLog log) {
    Map<TopicPartition, Long> offsets =
        new TreeMap<>(
            java.util.Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
    try {
      offsets.putAll(CheckpointOffsets.parse(log.sourceOffset()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "checkpoint " + log.checkpoint() + ": offsets are not JSON", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "checkpoint "
              + log.checkpoint()
              + ": offsets/"
              + log.batchId()
              + " is not a Kafka source offset: "
              + log.sourceOffset(),
          e);
    }
    return offsets;
  }
}
