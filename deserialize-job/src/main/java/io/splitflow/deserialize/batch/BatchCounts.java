package io.splitflow.deserialize.batch;

import io.splitflow.common.events.SourceRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one batch did: records in, rows to bronze (deletes among them), dead-lettered records and
 * the reasons (a decode error class, or {@code rule:<name>}; a record failing two rules counts
 * under both), rows dropped and warned by rules ({@code droppedByRule}: per drop rule, the rows
 * that failed it; a row failing two drop rules counts under both), and the raw offsets the batch
 * read, per topic-partition.
 */
public record BatchCounts(
    long input,
    long bronze,
    long deletes,
    long deadLetters,
    Map<String, Long> deadLettersByReason,
    long dropped,
    Map<String, Long> droppedByRule,
    long warned,
    List<SourceRange> sources) {

  public BatchCounts {
    deadLettersByReason = Map.copyOf(deadLettersByReason);
    droppedByRule = Map.copyOf(droppedByRule);
    sources = List.copyOf(sources);
  }

  public double deadLetterRatio() {
    return input == 0 ? 0 : (double) deadLetters() / input;
  }

  /** Reasons, most frequent first, as {@code reason=count}. */
  public String topReasons(int limit) {
    return deadLettersByReason.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("input_rows", input);
    map.put("bronze_rows", bronze);
    map.put("deletes", deletes);
    map.put("dead_letters", deadLetters());
    map.put("dead_letters_by_reason", new LinkedHashMap<>(deadLettersByReason));
    map.put("dropped", dropped);
    if (!droppedByRule.isEmpty()) {
      map.put("dropped_by_rule", new LinkedHashMap<>(droppedByRule));
    }
    map.put("warned", warned);
    return map;
  }
}
