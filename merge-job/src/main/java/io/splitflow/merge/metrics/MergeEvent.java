package io.splitflow.merge.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.config.MergeMode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One merge batch, as logged and as appended to the merge-events table.
 *
 * @param goldVersion the gold commit that holds the batch, or gold's version when the batch had
 *     nothing to write
 * @param committed whether a gold commit holds this batch (now or from an earlier run)
 * @param operationMetrics Delta's metrics of that commit, empty when there is none
 */
public record MergeEvent(
    String dataset,
    long batchId,
    String appId,
    MergeMode mode,
    BatchCounts counts,
    int attempts,
    long durationMs,
    long goldVersion,
    boolean committed,
    Map<String, String> operationMetrics,
    Instant time) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public MergeEvent {
    operationMetrics = Map.copyOf(operationMetrics);
  }

  /** The log line: one JSON object, keys in the order an operator reads them. */
  public String toJson() {
    ObjectNode line =
        JSON.createObjectNode()
            .put("event", "merge")
            .put("dataset", dataset)
            .put("batch_id", batchId)
            .put("mode", mode.configName());
    counts.writeTo(line);
    line.put("attempts", attempts)
        .put("duration_ms", durationMs)
        .put("gold_version", goldVersion)
        .put("committed", committed);
    ObjectNode delta = line.putObject("delta");
    new TreeMap<>(operationMetrics).forEach(delta::put);
    return line.toString();
  }
}
