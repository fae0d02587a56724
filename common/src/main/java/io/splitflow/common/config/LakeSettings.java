package io.splitflow.common.config;

import java.util.Optional;

/**
 * Where tables and checkpoints live. Without a catalog, tables are paths under {@code root}; with
 * one, they are catalog tables named {@code <catalog>.<layer>.<dataset>}.
 */
public record LakeSettings(String root, String checkpointRoot, Optional<String> catalog) {
  public static final String DEFAULT_CHECKPOINT_DIR = "_checkpoints";
}
