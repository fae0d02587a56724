package io.splitflow.common.cli;

import io.splitflow.common.config.Secrets;
import io.splitflow.common.events.JobEvents;
import io.splitflow.common.job.DatasetQueries;
import java.util.List;
import java.util.stream.Collectors;

/** Some datasets of a several-dataset run failed: the job exits non-zero, naming each. */
final class DatasetsFailed extends RuntimeException {
  DatasetsFailed(List<DatasetQueries.Failure> failures, int datasets) {
    super(
        failures.size()
            + " of "
            + datasets
            + " datasets failed: "
            + failures.stream()
                .map(
                    f -> f.dataset() + " (" + Secrets.scrub(JobEvents.rootMessage(f.error())) + ")")
                .collect(Collectors.joining("; ")));
  }
}
