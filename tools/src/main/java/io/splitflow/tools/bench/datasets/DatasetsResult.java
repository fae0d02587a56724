package io.splitflow.tools.bench.datasets;

import io.splitflow.tools.bench.latency.Check;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a --datasets run measured: each job's wall and CPU, batches per dataset, the checks. */
public record DatasetsResult(
    Instant started,
    double totalSeconds,
    Map<String, Object> machine,
    Map<String, String> versions,
    Map<String, Object> settings,
    int datasets,
    int recordsPerDataset,
    double targetWallSeconds,
    List<JobRun> jobs,
    List<Check> checks) {

  /**
   * One job over every dataset, as one application in a JVM of its own.
   *
   * @param wallSeconds from the process's start until it exited (JVM and Spark start included)
   * @param cpuSeconds the process's CPU, user and system, all threads
   * @param jitCpuSeconds of which its JIT compiler threads' (NaN where unknown)
   * @param batches micro-batches with input, per dataset
   */
  public record JobRun(
      String job,
      double wallSeconds,
      double cpuSeconds,
      double jitCpuSeconds,
      int exitCode,
      Map<String, Long> batches) {

    public long minBatches() {
      return batches.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    public long maxBatches() {
      return batches.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public long totalBatches() {
      return batches.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public double wallSeconds() {
    return jobs.stream().mapToDouble(JobRun::wallSeconds).sum();
  }

  public double cpuSeconds() {
    return jobs.stream().mapToDouble(JobRun::cpuSeconds).sum();
  }

  public boolean targetMet() {
    return wallSeconds() <= targetWallSeconds;
  }

  public boolean passed() {
    return Check.all(checks);
  }
}
