package io.splitflow.tools.status;

import java.util.List;

/** What {@code splitflow status} knows about one dataset. */
public record DatasetStatus(
    String dataset, List<JobStatus> jobs, Long deadLetters24h, Freshness freshness) {

  public DatasetStatus {
    jobs = List.copyOf(jobs);
  }
}
