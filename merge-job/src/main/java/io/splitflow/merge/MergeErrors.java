package io.splitflow.merge;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.MergeMode;
import io.splitflow.common.job.PermanentException;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.retry.RetryPolicy;
import java.util.List;

/** Failures of merge-job a user can act on, worded in one place: what, why, how to fix. */
public final class MergeErrors {
  private MergeErrors() {}

  /** A configuration error (exit 2), found when the condition is analyzed against bronze. */
  public static ConfigException badDeleteWhen(String dataset, String condition, Exception cause) {
    String why = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
    return new ConfigException(
        "datasets."
            + dataset
            + ".merge.delete-when: '"
            + condition
            + "' is not a boolean SQL condition over bronze's columns ("
            + why
            + "); use the dataset's fields or _deleted, e.g. op = 'd'",
        cause);
  }

  public static PermanentException partitioningChanged(
      TableRef gold, List<String> found, List<String> configured) {
    return new PermanentException(
        "gold.partitioning-changed",
        "gold table "
            + gold
            + " is partitioned by "
            + found
            + " but merge.partition-by is "
            + configured
            + "; Delta cannot repartition a table in place: set merge.partition-by back to "
            + found
            + ", or rewrite gold under the new layout (e.g. to a new path) and point the job at it");
  }

  public static PermanentException modeChanged(
      TableRef gold, MergeMode found, MergeMode configured) {
    return new PermanentException(
        "gold.mode-changed",
        "gold table "
            + gold
            + " holds "
            + found.configName()
            + " rows but merge.mode is "
            + configured.configName()
            + "; the layouts differ: set merge.mode back to "
            + found.configName()
            + ", or give the "
            + configured.configName()
            + " gold its own table (tables.gold.path) and reset the merge checkpoint");
  }

  public static PermanentException sequenceChanged(
      TableRef gold, String[] found, String[] configured) {
    return new PermanentException(
        "gold.sequence-changed",
        "gold table "
            + gold
            + " orders versions by _sequence "
            + List.of(found)
            + " but merge.sequence-by gives "
            + List.of(configured)
            + "; versions already merged cannot be compared with new ones: restore"
            + " merge.sequence-by, or rebuild gold from bronze under a new table");
  }

  public static PermanentException trackedColumnsChanged(
      TableRef gold, List<String> found, List<String> configured) {
    return new PermanentException(
        "gold.tracked-columns-changed",
        "gold table "
            + gold
            + " keeps per version the columns "
            + found
            + " (those outside merge.track-history-columns) but the configuration now gives "
            + configured
            + "; the history already written cannot be split by the new rule: restore"
            + " merge.track-history-columns (a new field must be listed in it when the list is"
            + " explicit), or rebuild gold from bronze under a new table");
  }

  public static PermanentException notAGoldTable(TableRef gold, String missing) {
    return new PermanentException(
        "gold.not-a-gold-table",
        "table "
            + gold
            + " has no "
            + missing
            + " column, so merge-job did not create it; point tables.gold at a table of its own");
  }

  public static PermanentException conflictsExhausted(
      TableRef gold, long batchId, int attempts, Throwable last) {
    return new PermanentException(
        "merge.conflicts-exhausted",
        "gold table "
            + gold
            + ": batch "
            + batchId
            + " failed "
            + attempts
            + " attempt(s) on concurrent Delta writes ("
            + RetryPolicy.conflict(last).orElse(last).getClass().getSimpleName()
            + "); another writer (e.g. OPTIMIZE or a manual DELETE) kept changing files this"
            + " MERGE reads. Nothing of the batch was applied: schedule that writer away from the"
            + " merge, or raise "
            + MergeTuning.MAX_ATTEMPTS
            + ", and restart the job (it resumes from the same batch)",
        last);
  }
}
