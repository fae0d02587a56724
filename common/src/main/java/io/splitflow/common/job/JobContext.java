package io.splitflow.common.job;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.table.CheckpointPaths;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.trigger.TriggerSpec;

/** Everything one job run needs to know about itself, resolved and validated before it starts. */
public record JobContext(
    SplitflowConfig config, DatasetConfig dataset, JobName job, TriggerSpec trigger) {

  public String checkpoint() {
    return CheckpointPaths.of(config, dataset.name(), job);
  }

  public TableRef table(TableLayer layer) {
    return dataset.table(layer);
  }

  public String queryName() {
    return "splitflow-" + job.id() + "-" + dataset.name();
  }

  /**
   * The Delta transaction app id for this job's writes. It includes the streaming query id, which
   * is stored in the checkpoint: stable across restarts, new when the checkpoint is reset, so a
   * reset never makes Delta skip new batches whose ids were used before.
   */
  public String txnAppId(String queryId) {
    return "splitflow-" + dataset.name() + "-" + job.id() + "-" + queryId;
  }
}
