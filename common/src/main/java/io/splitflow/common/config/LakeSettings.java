package io.splitflow.common.config;

import java.util.Optional;

/**
 * Where tables and checkpoints live. Without a catalog, tables are paths under {@code root}; with
 * one, they are catalog tables named {@code <catalog>.<layer>.<dataset>}. {@code logStore} is how
 * Delta commits to tables on S3.
 */
public record LakeSettings(
    String root, String checkpointRoot, Optional<String> catalog, LogStoreSettings logStore) {
  public static final String DEFAULT_CHECKPOINT_DIR = "_checkpoints";

  public LakeSettings(String root, String checkpointRoot, Optional<String> catalog) {
    this(root, checkpointRoot, catalog, LogStoreSettings.SINGLE_WRITER);
  }
}
