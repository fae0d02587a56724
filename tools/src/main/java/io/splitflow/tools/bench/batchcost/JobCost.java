package io.splitflow.tools.bench.batchcost;

/**
 * One job's two runs beside its reference query's, over the same input, and the bound its fixed
 * cost per batch is held to (at most {@code target} times the reference's).
 */
public record JobCost(String job, TwoRuns splitflow, TwoRuns reference, double target) {

  /**
   * splitflow's fixed CPU per batch over the reference's; NaN unless both are positive: a fixed
   * cost at or below zero is one the two runs could not tell from noise.
   */
  public double fixedRatio() {
    double ours = splitflow.fixedCpuSecondsPerBatch();
    return ours > 0 ? ratio(ours, reference.fixedCpuSecondsPerBatch()) : Double.NaN;
  }

  /** {@link #fixedRatio()} with each side's JIT compilation CPU taken out; NaN when unmeasured. */
  public double fixedRatioWithoutJit() {
    double ours = splitflow.fixedCpuSecondsPerBatchWithoutJit();
    return ours > 0 ? ratio(ours, reference.fixedCpuSecondsPerBatchWithoutJit()) : Double.NaN;
  }

  /** splitflow's CPU per record over the reference's. */
  public double perRecordRatio() {
    return ratio(splitflow.cpuSecondsPerMillionRecords(), reference.cpuSecondsPerMillionRecords());
  }

  /** Whether the fixed-cost ratio is within the target; false when there is no ratio. */
  public boolean met() {
    return fixedRatio() <= target;
  }

  private static double ratio(double top, double bottom) {
    return Double.isFinite(top) && Double.isFinite(bottom) && bottom > 0
        ? top / bottom
        : Double.NaN;
  }
}
