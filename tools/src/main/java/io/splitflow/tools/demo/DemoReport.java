package io.splitflow.tools.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Prints the demo's summary for a person, or as one JSON object for a script. */
final class DemoReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoReport() {}

  static String text(DemoSummary s) {
    StringBuilder out = new StringBuilder();
    out.append("splitflow demo: ").append(s.produced()).append(" readings produced\n\n");
    out.append(String.format("  %-12s %10s%n", "table", "rows"));
    out.append(String.format("  %-12s %10d%n", "raw", s.raw()));
    out.append(String.format("  %-12s %10d%n", "bronze", s.bronze()));
    out.append(String.format("  %-12s %10d%n", "dead-letter", s.deadLetters()));
    for (Map.Entry<String, Long> reason : s.deadLettersByReason().entrySet()) {
      out.append(String.format("    %-22s %8d%n", reason.getKey(), reason.getValue()));
    }
    out.append(String.format("  %-12s %10d   (%d keys)%n%n", "gold", s.gold(), s.expectedGold()));
    out.append(String.format("  %-12s %10s %10s %12s%n", "job", "records", "seconds", "records/s"));
    for (DemoSummary.JobTiming job : s.jobs()) {
      out.append(
          String.format(
              "  %-12s %10d %10.1f %12d%n",
              job.job(), job.records(), job.seconds(), job.recordsPerSecond()));
    }
    out.append("\n  a few gold rows:\n");
    for (Map<String, Object> row : s.goldSample()) {
      out.append("    ").append(row).append('\n');
    }
    if (!s.mergeEvents().isEmpty()) {
      out.append("\n  merge batches (merge_events):\n");
      for (Map<String, Object> event : s.mergeEvents()) {
        out.append("    ").append(event).append('\n');
      }
    }
    if (!s.goldHistory().isEmpty()) {
      out.append("\n  history of a few keys (scd2):\n");
      for (Map<String, Object> row : s.goldHistory()) {
        out.append("    ").append(row).append('\n');
      }
    }
    out.append("\n  checks:\n");
    for (DemoSummary.Check check : s.checks()) {
      out.append(
          String.format(
              "    [%s] %s: %s%n", check.passed() ? "ok" : "FAILED", check.name(), check.detail()));
    }
    out.append("\n  tables are in ")
        .append(s.lake())
        .append(" (see README, 'Querying the tables')\n");
    return out.toString();
  }

  static String json(DemoSummary s) {
    ObjectNode root = JSON.valueToTree(s);
    root.put("passed", s.passed());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
