package io.splitflow.tools.soak;

import io.splitflow.tools.audit.AuditResult;
import java.util.List;
import java.util.Map;

/** What a soak run produced, how the jobs kept up, the heap, and the checks. */
record SoakResult(
    String dataset,
    SoakSettings settings,
    long produced,
    double produceSeconds,
    double drainSeconds,
    Map<String, SoakProgress.Totals> jobs,
    long heapStartBytes,
    long heapWarmBytes,
    long heapEndBytes,
    AuditResult audit,
    List<SoakChecks.Check> checks) {

  boolean passed() {
    return checks.stream().allMatch(SoakChecks.Check::passed);
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "splitflow soak: dataset %s, %.0f s at %.0f records/s, triggers every %d s, %d partitions%n%n",
            dataset,
            settings.duration().toMillis() / 1000.0,
            settings.rate(),
            settings.interval().toSeconds(),
            settings.partitions()));
    out.append(
        String.format(
            "  produced %d records in %.1f s (%.0f records/s); drained in %.1f s after the stop%n%n",
            produced, produceSeconds, produced / Math.max(produceSeconds, 1e-9), drainSeconds));
    out.append(
        String.format("  %-12s %8s %10s %16s%n", "job", "batches", "records", "longest batch"));
    jobs.forEach(
        (job, t) ->
            out.append(
                String.format(
                    "  %-12s %8d %10d %13d ms%n", job, t.batches(), t.rows(), t.longestBatchMs())));
    out.append(
        String.format(
            "%n  heap after GC: %d MiB at the start, %d MiB once warm (minute 1, or half a shorter run),"
                + " %d MiB at the end (%+d MiB since warm)%n%n",
            heapStartBytes >> 20,
            heapWarmBytes >> 20,
            heapEndBytes >> 20,
            (heapEndBytes - heapWarmBytes) >> 20));
    out.append("  checks:\n");
    for (SoakChecks.Check check : checks) {
      out.append(
          String.format(
              "    [%s] %s: %s%n", check.passed() ? "ok" : "FAILED", check.name(), check.detail()));
    }
    return out.toString();
  }
}
