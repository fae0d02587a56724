package io.splitflow.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw records of one topic-partition that a batch read: the lowest and highest Kafka offset,
 * how many records, and how many of them rules dropped. Stored in a batch event's {@code details}
 * as {@code {"sources":[{"topic":..,"partition":..,"min_offset":..,"max_offset":..,"records":..,
 * "dropped":..}]}}.
 */
public record SourceRange(
    String topic, int partition, long minOffset, long maxOffset, long records, long dropped) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SOURCES = "sources";

  public static String toDetails(List<SourceRange> ranges) {
    ObjectNode details = JSON.createObjectNode();
    ArrayNode sources = details.putArray(SOURCES);
    for (SourceRange range : ranges) {
      sources
          .addObject()
          .put("topic", range.topic())
          .put("partition", range.partition())
          .put("min_offset", range.minOffset())
          .put("max_offset", range.maxOffset())
          .put("records", range.records())
          .put("dropped", range.dropped());
    }
    return details.toString();
  }

  /** The ranges in a batch event's details; none when there are no details or no sources. */
  public static List<SourceRange> fromDetails(String details) {
    if (details == null || details.isBlank()) {
      return List.of();
    }
    JsonNode sources;
    try {
      sources = JSON.readTree(details).path(SOURCES);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event details are not JSON: " + details, e);
    }
    List<SourceRange> ranges = new ArrayList<>();
    for (JsonNode source : sources) {
      ranges.add(
          new SourceRange(
              source.path("topic").asText(),
              source.path("partition").asInt(),
              source.path("min_offset").asLong(),
              source.path("max_offset").asLong(),
              source.path("records").asLong(),
              source.path("dropped").asLong()));
    }
    return ranges;
  }
}
