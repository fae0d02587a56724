package io.splitflow.tools.bench.batchcost;

import java.util.List;
import java.util.Optional;

/** One repetition of the batch-cost bench: each job beside its reference, in pipeline order. */
public record BatchCostRun(int index, List<JobCost> jobs) {

  public BatchCostRun {
    jobs = List.copyOf(jobs);
  }

  public Optional<JobCost> job(String name) {
    return jobs.stream().filter(j -> j.job().equals(name)).findFirst();
  }
}
