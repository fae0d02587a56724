package io.splitflow.tools.bench.batchcost;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whole {@code bench --batch-cost}: the machine, versions and settings, and each repetition. */
public record BatchCostResult(
    Instant started,
    double totalSeconds,
    Map<String, Object> machine,
    Map<String, String> versions,
    Map<String, Object> settings,
    List<BatchCostRun> runs) {

  public BatchCostResult {
    machine = Collections.unmodifiableMap(new LinkedHashMap<>(machine));
    versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    runs = List.copyOf(runs);
  }
}
