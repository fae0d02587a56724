package io.splitflow.common.job;

import io.splitflow.common.table.TableRef;

/** Runtime failures a user can act on, worded in one place. */
public final class JobErrors {
  private JobErrors() {}

  public static IllegalStateException inputMissing(
      TableRef table, String dataset, JobName upstream) {
    return new IllegalStateException(
        "input table "
            + table
            + " does not exist yet; run "
            + upstream.id()
            + "-job for dataset "
            + dataset
            + " first (it creates the table on start)");
  }
}
