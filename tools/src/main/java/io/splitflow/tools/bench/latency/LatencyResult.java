package io.splitflow.tools.bench.latency;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a latency run measured.
 *
 * @param latency seconds from each record's Kafka timestamp to the gold commit that made it visible
 * @param firstQuarter the same over the first quarter of the records (by Kafka timestamp)
 * @param lastQuarter and over the last quarter: far above the first when the jobs fall behind
 * @param goldRowsAtEndOfProduction gold's rows when the producer stopped
 * @param ingestLagAtEnd ingest's Kafka lag (offsets behind latest, over partitions) in its last
 *     batch before the producer stopped; -1 if it reported none
 * @param drainSeconds from the producer's stop until gold had every record; NaN if it never did
 */
public record LatencyResult(
    Instant started,
    double totalSeconds,
    Map<String, Object> machine,
    Map<String, String> versions,
    Map<String, Object> settings,
    long produced,
    double produceSeconds,
    Percentiles latency,
    Percentiles firstQuarter,
    Percentiles lastQuarter,
    long goldRowsAtEndOfProduction,
    long ingestLagAtEnd,
    double drainSeconds,
    double intervalSeconds,
    long goldCommits,
    List<JobCpu> jobs,
    double brokerCpuSeconds,
    List<Check> checks) {

  /**
   * One job's CPU: over the measured window (the producer's start until gold had every record) and
   * over its whole life until then (JVM and Spark start included), and its micro-batches with
   * input.
   */
  public record JobCpu(String job, double cpuSeconds, double totalCpuSeconds, long batches) {}

  public boolean passed() {
    return Check.all(checks);
  }

  public long reachedGold() {
    return latency.count();
  }

  /**
   * Latency grew over the run: the last quarter's median exceeds the first's by more than three
   * trigger intervals, more than the three jobs' trigger phases can explain; or gold never caught
   * up.
   */
  public boolean lagGrew() {
    if (!Double.isFinite(drainSeconds)) {
      return true;
    }
    return lastQuarter.count() > 0 && lastQuarter.p50() - firstQuarter.p50() > 3 * intervalSeconds;
  }

  public double jobsCpuSeconds() {
    return jobs.stream().mapToDouble(JobCpu::cpuSeconds).sum();
  }
}
