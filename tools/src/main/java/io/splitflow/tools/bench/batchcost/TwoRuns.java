package io.splitflow.tools.bench.batchcost;

/**
 * The two-run method: the same input read once in one batch and once in many small batches. What
 * the small run spends beyond the one-batch run, per extra batch, is the fixed cost of a batch; the
 * one-batch run, where that fixed cost is paid once, gives the cost per record.
 */
public record TwoRuns(RunCost oneBatch, RunCost smallBatches) {

  /**
   * CPU-seconds per micro-batch: (CPU of the small run - CPU of the one-batch run) / (batches of
   * the small run - batches of the one-batch run); NaN when the two runs made as many batches.
   */
  public double fixedCpuSecondsPerBatch() {
    long extra = smallBatches.batches() - oneBatch.batches();
    return extra == 0 ? Double.NaN : (smallBatches.cpuSeconds() - oneBatch.cpuSeconds()) / extra;
  }

  /**
   * Of the fixed CPU per batch, what the JIT compiler threads used: code paths only small batches
   * take, compiled while the small-batch run ran; NaN when not measured.
   */
  public double fixedJitSecondsPerBatch() {
    long extra = smallBatches.batches() - oneBatch.batches();
    return extra == 0
        ? Double.NaN
        : (smallBatches.jitCpuSeconds() - oneBatch.jitCpuSeconds()) / extra;
  }

  /**
   * The fixed CPU per batch without the JIT's share: what a batch costs once its code is compiled,
   * as in a job that has run for a while; NaN when the JIT's share was not measured.
   */
  public double fixedCpuSecondsPerBatchWithoutJit() {
    return fixedCpuSecondsPerBatch() - fixedJitSecondsPerBatch();
  }

  /** CPU-seconds per million records, from the one-batch run; NaN when it read nothing. */
  public double cpuSecondsPerMillionRecords() {
    return oneBatch.records() == 0
        ? Double.NaN
        : oneBatch.cpuSeconds() * 1_000_000 / oneBatch.records();
  }
}
