package io.splitflow.common.table;

import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.job.JobName;

/** Checkpoints live at {@code <checkpoint-root>/<dataset>/<job>} and are never shared. */
public final class CheckpointPaths {
  private CheckpointPaths() {}

  public static String of(SplitflowConfig config, String dataset, JobName job) {
    return LakePaths.join(config.lake().checkpointRoot(), dataset, job.id());
  }
}
