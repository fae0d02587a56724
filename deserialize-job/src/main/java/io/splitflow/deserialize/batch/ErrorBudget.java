package io.splitflow.deserialize.batch;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Stops the job when a batch dead-letters more than the configured share of its records: a broken
 * producer should page someone, not fill the dead-letter table for a week. Checked before the batch
 * writes anything, so after the fix the same batch is processed again.
 */
public final class ErrorBudget {
  private ErrorBudget() {}

  public static void check(String dataset, long batchId, BatchCounts counts, OptionalDouble limit) {
    if (limit.isEmpty() || counts.input() == 0 || counts.deadLetterRatio() <= limit.getAsDouble()) {
      return;
    }
    throw new ErrorBudgetExceeded(
        String.format(
            Locale.ROOT,
            "datasets.%s.max-dead-letter-ratio: batch %d would dead-letter %d of %d records (%.1f%%,"
                + " limit %.1f%%); top reasons: %s. Nothing of this batch was written; fix the"
                + " producer or the config and restart, or raise the limit.",
            dataset,
            batchId,
            counts.deadLetters(),
            counts.input(),
            100 * counts.deadLetterRatio(),
            100 * limit.getAsDouble(),
            counts.topReasons(3)));
  }

  /** The batch's dead-letter share is over budget. */
  public static final class ErrorBudgetExceeded extends io.splitflow.common.job.PermanentException {
    public ErrorBudgetExceeded(String message) {
      super("deserialize.error-budget-exceeded", message);
    }
  }
}
