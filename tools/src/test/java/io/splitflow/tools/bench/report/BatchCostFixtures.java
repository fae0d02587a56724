package io.splitflow.tools.bench.report;

import io.splitflow.tools.bench.batchcost.BatchCostResult;
import io.splitflow.tools.bench.batchcost.BatchCostRun;
import io.splitflow.tools.bench.batchcost.JobCost;
import io.splitflow.tools.bench.batchcost.RunCost;
import io.splitflow.tools.bench.batchcost.TwoRuns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic batch-cost bench of whole numbers: 20,000 records, one batch against 20. In run 1
 * splitflow's fixed CPU per batch is 1.0, 0.5 and 3.0 CPU-s (ingest, deserialize, merge) and each
 * reference's 1.0, 1.0 and 1.0; runs 2 and 3 spend 1.25 and 2 times splitflow's extra CPU. Every
 * one-batch run spends 10 CPU-s for splitflow and 8 for the reference (500 and 400 per million).
 */
final class BatchCostFixtures {
  static final double[] FACTOR = {1.0, 1.25, 2.0};
  private static final double[] FIXED = {1.0, 0.5, 3.0};
  private static final List<String> JOBS = List.of("ingest", "deserialize", "merge");
  private static final double[] TARGETS = {1.0, 1.0, 1.5};

  private BatchCostFixtures() {}

  static BatchCostResult result(int runs) {
    List<BatchCostRun> all = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      List<JobCost> jobs = new ArrayList<>();
      for (int j = 0; j < JOBS.size(); j++) {
        jobs.add(
            new JobCost(
                JOBS.get(j),
                twoRuns(10, 19 * FIXED[j] * FACTOR[i - 1]),
                twoRuns(8, 19 * 1.0),
                TARGETS[j]));
      }
      all.add(new BatchCostRun(i, jobs));
    }
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", 2);
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("spark", "4.2.0");
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("records", 20_000L);
    settings.put("small_batch_records", 1_000L);
    return new BatchCostResult(
        Instant.parse("2026-12-07T10:00:00Z"), 180, machine, versions, settings, all);
  }

  private static TwoRuns twoRuns(double oneCpu, double extraCpu) {
    return new TwoRuns(
        new RunCost(20_000, 1, oneCpu, oneCpu), new RunCost(20_000, 20, oneCpu + extraCpu, 30));
  }
}
