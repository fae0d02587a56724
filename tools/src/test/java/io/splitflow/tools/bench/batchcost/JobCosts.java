package io.splitflow.tools.bench.batchcost;

/** Job costs the batch-cost tests share. */
public final class JobCosts {
  private JobCosts() {}

  /**
   * Merge with its JIT CPU measured: splitflow 2 CPU-s a batch of which 0.5 compiling, the
   * reference 1 of which 0.25; so 1.5 against 0.75 without JIT, a ratio of 2 either way.
   */
  public static JobCost mergeWithJit() {
    return new JobCost(
        "merge",
        new TwoRuns(new RunCost(100, 1, 10, 5, 3), new RunCost(100, 21, 50, 20, 13)),
        new TwoRuns(new RunCost(100, 1, 8, 4, 2), new RunCost(100, 21, 28, 14, 7)),
        1.5);
  }
}
