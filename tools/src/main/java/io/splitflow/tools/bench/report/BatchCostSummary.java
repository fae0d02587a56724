package io.splitflow.tools.bench.report;

import io.splitflow.tools.bench.batchcost.BatchCostResult;
import io.splitflow.tools.bench.batchcost.BatchCostRun;
import io.splitflow.tools.bench.batchcost.JobCost;
import io.splitflow.tools.bench.batchcost.TwoRuns;
import io.splitflow.tools.bench.report.BenchSummary.Spread;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A batch-cost bench across its runs: per job the min, median and max of each side's fixed CPU per
 * batch and CPU per record and of their ratios, and the run whose fixed-cost ratio is the median.
 */
public record BatchCostSummary(int runs, List<JobSummary> jobs) {

  public BatchCostSummary {
    jobs = List.copyOf(jobs);
  }

  /**
   * One job over the runs.
   *
   * @param typical the run with the median fixed-cost ratio (the lower middle one for an even
   *     count), whose records and batch counts the table shows
   */
  public record JobSummary(
      String job,
      double target,
      int runs,
      int runsWithRatio,
      JobCost typical,
      int typicalRun,
      Spread splitflowFixed,
      Spread referenceFixed,
      Spread fixedRatio,
      Spread splitflowPerMillion,
      Spread referencePerMillion,
      Spread perRecordRatio,
      Spread splitflowFixedJit,
      Spread referenceFixedJit,
      Spread splitflowFixedWithoutJit,
      Spread referenceFixedWithoutJit,
      Spread fixedRatioWithoutJit) {

    public boolean metByMedian() {
      return fixedRatio.median() <= target;
    }

    /** Whether every run met the target: each has a ratio and the largest is within it. */
    public boolean metByWorst() {
      return runsWithRatio == runs && fixedRatio.max() <= target;
    }
  }

  private record Ran(int run, JobCost cost) {}

  public static BatchCostSummary of(BatchCostResult result) {
    Map<String, List<Ran>> byJob = new LinkedHashMap<>();
    for (BatchCostRun run : result.runs()) {
      for (JobCost cost : run.jobs()) {
        byJob.computeIfAbsent(cost.job(), k -> new ArrayList<>()).add(new Ran(run.index(), cost));
      }
    }
    List<JobSummary> jobs = new ArrayList<>();
    byJob.forEach(
        (job, all) -> {
          // NaN ratios sort last, so a run without one is the typical run only if all are
          List<Ran> sorted =
              all.stream()
                  .sorted(
                      Comparator.comparingDouble(
                          r ->
                              Double.isNaN(r.cost().fixedRatio())
                                  ? Double.POSITIVE_INFINITY
                                  : r.cost().fixedRatio()))
                  .toList();
          Ran typical = sorted.get((sorted.size() - 1) / 2);
          jobs.add(
              new JobSummary(
                  job,
                  all.get(0).cost().target(),
                  all.size(),
                  (int) all.stream().filter(r -> Double.isFinite(r.cost().fixedRatio())).count(),
                  typical.cost(),
                  typical.run(),
                  spread(all, c -> c.splitflow().fixedCpuSecondsPerBatch()),
                  spread(all, c -> c.reference().fixedCpuSecondsPerBatch()),
                  spread(all, JobCost::fixedRatio),
                  spread(all, c -> c.splitflow().cpuSecondsPerMillionRecords()),
                  spread(all, c -> c.reference().cpuSecondsPerMillionRecords()),
                  spread(all, JobCost::perRecordRatio),
                  spread(all, c -> c.splitflow().fixedJitSecondsPerBatch()),
                  spread(all, c -> c.reference().fixedJitSecondsPerBatch()),
                  spread(all, c -> c.splitflow().fixedCpuSecondsPerBatchWithoutJit()),
                  spread(all, c -> c.reference().fixedCpuSecondsPerBatchWithoutJit()),
                  spread(all, JobCost::fixedRatioWithoutJit)));
        });
    return new BatchCostSummary(result.runs().size(), jobs);
  }

  /** Over the runs with a finite figure; all NaN when none has one. */
  private static Spread spread(List<Ran> all, ToDoubleFunction<JobCost> figure) {
    List<Double> finite =
        all.stream().map(r -> figure.applyAsDouble(r.cost())).filter(Double::isFinite).toList();
    return finite.isEmpty() ? new Spread(Double.NaN, Double.NaN, Double.NaN) : Spread.of(finite);
  }

  /** The batches a side ran: {@code one-batch run / small-batch run}. */
  static String batches(TwoRuns runs) {
    return Figures.count(runs.oneBatch().batches())
        + " / "
        + Figures.count(runs.smallBatches().batches());
  }
}
