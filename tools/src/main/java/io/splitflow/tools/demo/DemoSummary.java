package io.splitflow.tools.demo;

import java.util.List;
import java.util.Map;

/** What the demo measured and checked; printed as text or as one JSON object. */
public record DemoSummary(
    long produced,
    long raw,
    long bronze,
    long deadLetters,
    Map<String, Long> deadLettersByReason,
    long gold,
    long expectedGold,
    List<Map<String, Object>> goldSample,
    List<Map<String, Object>> goldHistory,
    List<Map<String, Object>> mergeEvents,
    List<JobTiming> jobs,
    List<Check> checks,
    String lake) {

  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** One job's run over the backlog: how long and how fast. */
  public record JobTiming(String job, long records, double seconds) {
    public long recordsPerSecond() {
      return seconds <= 0 ? 0 : Math.round(records / seconds);
    }
  }

  /** One invariant of the pipeline, with what was found. */
  public record Check(String name, boolean passed, String detail) {}
}
