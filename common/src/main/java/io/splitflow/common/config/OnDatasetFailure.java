package io.splitflow.common.config;

/**
 * What a job running several datasets does when one dataset's query fails for good (after its
 * restarts): {@code isolate} lets the others go on, {@code stop-all} stops them after their current
 * batch. Either way the job exits non-zero once every query has ended.
 */
public enum OnDatasetFailure {
  ISOLATE,
  STOP_ALL;

  public static final OnDatasetFailure DEFAULT = ISOLATE;

  /** As the config writes it. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
