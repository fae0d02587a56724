package io.splitflow.tools.bench;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole bench: the machine and versions it ran on, its settings, each repetition, and the gold
 * size scaling table (measured once, when asked for).
 */
public record BenchResult(
    Instant started,
    double totalSeconds,
    Map<String, Object> machine,
    Map<String, String> versions,
    Map<String, Object> settings,
    List<BenchRun> runs,
    List<ScalingPoint> scaling) {

  public BenchResult {
    machine = Collections.unmodifiableMap(new LinkedHashMap<>(machine));
    versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    runs = List.copyOf(runs);
    scaling = List.copyOf(scaling);
  }

  /**
   * The runs whose monolith wrote a gold other than the split's, with what differed: their speeds
   * compare unequal work, so the bench fails.
   */
  public List<String> goldMismatches() {
    List<String> mismatches = new java.util.ArrayList<>();
    for (BenchRun run : runs) {
      run.measurement(Stages.MONOLITH)
          .filter(m -> Boolean.FALSE.equals(m.details().get("gold_matches_split")))
          .ifPresent(
              m ->
                  mismatches.add(
                      "run "
                          + run.index()
                          + ": "
                          + m.details().get("gold_rows_only_in_split")
                          + " gold rows only in the split's, "
                          + m.details().get("gold_rows_only_in_monolith")
                          + " only in the monolith's"));
    }
    return mismatches;
  }
}
