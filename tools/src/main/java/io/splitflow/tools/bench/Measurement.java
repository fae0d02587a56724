package io.splitflow.tools.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured stage of a bench run: a ceiling, a job, a setting. CPU is this JVM's process CPU
 * over the stage; the broker runs in a process of its own, so its CPU is apart and left out of
 * every per-CPU-second figure. Peak heap is the sum of the heap pools' peaks after a reset at the
 * stage's start.
 */
public record Measurement(
    String name,
    long records,
    double wallSeconds,
    double cpuSeconds,
    double brokerCpuSeconds,
    long peakHeapBytes,
    Map<String, Object> details) {

  public Measurement {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public double recordsPerSecond() {
    return wallSeconds <= 0 ? 0 : records / wallSeconds;
  }

  /** Records per CPU-second of this JVM (the broker's CPU left out). */
  public double recordsPerCpuSecond() {
    return cpuSeconds <= 0 ? 0 : records / cpuSeconds;
  }

  /** CPU-seconds of this JVM per million records. */
  public double cpuSecondsPerMillion() {
    return records == 0 ? 0 : cpuSeconds * 1_000_000 / records;
  }

  public Measurement withDetails(Map<String, Object> more) {
    Map<String, Object> all = new LinkedHashMap<>(details);
    all.putAll(more);
    return new Measurement(
        name, records, wallSeconds, cpuSeconds, brokerCpuSeconds, peakHeapBytes, all);
  }
}
