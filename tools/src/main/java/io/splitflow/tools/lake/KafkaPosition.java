package io.splitflow.tools.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
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
  private static final ObjectMapper JSON = new ObjectMapper();

  public static Optional<KafkaPosition> read(Configuration hadoop, String checkpoint) {
    return CheckpointLog.lastCommitted(hadoop, checkpoint)
        .map(log -> new KafkaPosition(log, parse(log)));
  }

  static Map<TopicPartition, Long> parse(CheckpointLog log) {
    Map<TopicPartition, Long> offsets =
        new TreeMap<>(
            java.util.Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
    JsonNode root;
    try {
      root = JSON.readTree(log.sourceOffset());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "checkpoint " + log.checkpoint() + ": offsets are not JSON", e);
    }
    for (Iterator<Map.Entry<String, JsonNode>> topics = root.fields(); topics.hasNext(); ) {
      Map.Entry<String, JsonNode> topic = topics.next();
      if (!topic.getValue().isObject()) {
        throw new IllegalStateException(
            "checkpoint "
                + log.checkpoint()
                + ": offsets/"
                + log.batchId()
                + " is not a Kafka source offset: "
                + log.sourceOffset());
      }
      topic
          .getValue()
          .fields()
          .forEachRemaining(
              p ->
                  offsets.put(
                      new TopicPartition(topic.getKey(), Integer.parseInt(p.getKey())),
                      p.getValue().asLong()));
    }
    return offsets;
  }
}
