package io.splitflow.common.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a source still has to read after a batch, from the offsets its progress reports: for Kafka
 * the records between the batch's end and the latest offsets; for a Delta table the versions from
 * the batch's end on, which {@link CatchUpProgress} turns into rows from the table's history.
 */
final class Backlog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Backlog() {}

  /** Delta's offset: the version to read next (the one in progress when {@code index >= 0}). */
  record DeltaPosition(long version, long index) {}

  static JsonNode parse(String offset) {
    if (offset == null || offset.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(offset);
    } catch (IOException e) {
      return null;
    }
  }

  static boolean isDelta(JsonNode offset) {
    return offset != null && offset.has("reservoirVersion");
  }

  static DeltaPosition delta(JsonNode offset) {
    return new DeltaPosition(
        offset.path("reservoirVersion").asLong(), offset.path("index").asLong(-1));
  }

  /** Kafka records between {@code end} and {@code latest}, summed over partitions. */
  static OptionalLong kafkaRemaining(JsonNode end, JsonNode latest) {
    if (end == null || latest == null || !end.isObject() || !latest.isObject()) {
      return OptionalLong.empty();
    }
    long remaining = 0;
    for (Iterator<Map.Entry<String, JsonNode>> topics = latest.fields(); topics.hasNext(); ) {
      Map.Entry<String, JsonNode> topic = topics.next();
      for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields();
          partitions.hasNext(); ) {
        Map.Entry<String, JsonNode> partition = partitions.next();
        JsonNode at = end.path(topic.getKey()).path(partition.getKey());
        if (at.canConvertToLong()) {
          remaining += Math.max(0, partition.getValue().asLong() - at.asLong());
        }
      }
    }
    return OptionalLong.of(remaining);
  }

  /** Seconds left at {@code rate} rows per second; -1 when the rate is not known yet. */
  static long etaSeconds(long remaining, double rate) {
    if (remaining <= 0) {
      return 0;
    }
    return rate > 0 ? Math.round(remaining / rate) : -1;
  }
}
