package io.splitflow.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Measures a stage: wall time, this JVM's process CPU, the broker process's CPU (when there is
 * one), and peak heap. Collects garbage and resets the pools' peaks first, so one stage's leftovers
 * are not the next one's peak.
 */
public final class Meter {
  private final Optional<ProcessHandle> broker;

  public Meter(Optional<ProcessHandle> broker) {
    this.broker = broker;
  }

  /** A meter for stages that involve no broker. */
  public static Meter local() {
    return new Meter(Optional.empty());
  }

  /** What a stage returns: how many records it handled, and anything to report with it. */
  public record Outcome(long records, Map<String, Object> details) {
    public static Outcome of(long records) {
      return new Outcome(records, Map.of());
    }
  }

  @FunctionalInterface
  public interface Stage {
    Outcome run() throws Exception;
  }

  public Measurement measure(String name, Stage stage) throws Exception {
    System.gc();
    for (MemoryPoolMXBean pool : heapPools()) {
      pool.resetPeakUsage();
    }
    long cpu0 = processCpuNanos();
    long broker0 = brokerCpuNanos();
    long wall0 = System.nanoTime();
    Outcome outcome = stage.run();
    long wall = System.nanoTime() - wall0;
    long cpu = processCpuNanos() - cpu0;
    long brokerCpu = brokerCpuNanos() - broker0;
    long peak = sum(heapPools(), pool -> pool.getPeakUsage().getUsed());
    return new Measurement(
        name, outcome.records(), wall / 1e9, cpu / 1e9, brokerCpu / 1e9, peak, outcome.details());
  }

  /** This JVM's CPU time, all threads, user and system. */
  public static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    throw new IllegalStateException("this JVM does not report its process CPU time");
  }

  private long brokerCpuNanos() {
    return broker.flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
  }

  private static java.util.List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .toList();
  }

  private static long sum(
      java.util.List<MemoryPoolMXBean> pools, ToLongFunction<MemoryPoolMXBean> value) {
    return pools.stream().mapToLong(value).sum();
  }
}
