package io.splitflow.tools.bench.batchcost;

/**
 * One measured run of a query over a backlog: the input records it read and the micro-batches it
 * ran (both counted from the query's progress), this JVM's process CPU and wall time, and the part
 * of that CPU its JIT compiler threads used (NaN where unknown).
 */
public record RunCost(
    long records, long batches, double cpuSeconds, double wallSeconds, double jitCpuSeconds) {

  /** A run whose compilation CPU was not measured. */
  public RunCost(long records, long batches, double cpuSeconds, double wallSeconds) {
    this(records, batches, cpuSeconds, wallSeconds, Double.NaN);
  }
}
