package io.splitflow.deserialize.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one batch did: records in, rows to bronze (deletes among them), dead-lettered records and
 * the reasons (a decode error class, or {@code rule:<name>}; a record failing two rules counts
 * under both), rows dropped and warned by rules.
 */
public record BatchCounts(
    long input,
    long bronze,
    long deletes,
    long deadLetters,
    Map<String, Long> deadLettersByReason,
    long dropped,
    long warned) {

  public BatchCounts {
    deadLettersByReason = Map.copyOf(deadLettersByReason);
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
    map.put("warned", warned);
    return map;
  }
}
