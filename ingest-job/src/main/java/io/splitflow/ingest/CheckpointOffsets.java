package io.splitflow.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka offsets a batch of this job's query covers, read from the query's write-ahead log
 * ({@code <checkpoint>/offsets/<batchId>}: a version line, a metadata line, then one JSON line per
 * source such as {@code {"topic":{"0":42,"1":17}}}). Batch N reads from the offsets of batch N-1 up
 * to its own.
 */
public final class CheckpointOffsets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CheckpointOffsets() {}

  /** The end offsets of {@code batchId}, or empty when the log has no such batch. */
  static Optional<Map<TopicPartition, Long>> endOf(
      String checkpoint, long batchId, Configuration hadoop) {
    if (batchId < 0) {
      return Optional.empty();
    }
    Path file = new Path(new Path(checkpoint, "offsets"), Long.toString(batchId));
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
        List<String> lines = reader.lines().toList();
        return lines.size() < 3 ? Optional.empty() : Optional.of(parse(lines.get(2)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the offsets log entry " + file, e);
    }
  }

  /**
   * The per-partition offsets of a Kafka source's offset line; throws IOException when it is not
   * JSON and IllegalArgumentException when it is not a Kafka source's offset.
   */
  public static Map<TopicPartition, Long> parse(String sourceOffsets) throws IOException {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    JsonNode root = JSON.readTree(sourceOffsets);
    for (Iterator<Map.Entry<String, JsonNode>> topics = root.fields(); topics.hasNext(); ) {
      Map.Entry<String, JsonNode> topic = topics.next();
      if (!topic.getValue().isObject()) {
        throw new IllegalArgumentException("not a Kafka source offset: " + sourceOffsets);
      }
      for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields();
          partitions.hasNext(); ) {
        Map.Entry<String, JsonNode> partition = partitions.next();
        offsets.put(
            new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())),
            partition.getValue().asLong());
      }
    }
    return offsets;
  }
}
