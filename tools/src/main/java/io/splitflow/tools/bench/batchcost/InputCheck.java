package io.splitflow.tools.bench.batchcost;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bench compares like with like only if each job and its reference read the same input: every
 * count named here must equal the records expected, or the bench stops with what differed.
 */
public final class InputCheck {
  private InputCheck() {}

  /** Throws {@link Failed} unless every count in {@code counted} is {@code expected}. */
  public static void same(String what, long expected, Map<String, Long> counted) {
    if (counted.values().stream().anyMatch(n -> n != expected)) {
      throw new Failed(
          String.format(
              Locale.ROOT,
              "%s: expected %,d records each, counted %s; the job and its reference must read the"
                  + " same input",
              what,
              expected,
              counted.entrySet().stream()
                  .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                  .collect(Collectors.joining(", "))));
    }
  }

  /** Throws {@link Failed} unless the small-batch run made more batches than the one-batch run. */
  public static void moreBatches(String what, TwoRuns runs) {
    if (runs.smallBatches().batches() <= runs.oneBatch().batches()) {
      throw new Failed(
          String.format(
              Locale.ROOT,
              "%s: the small-batch run made %,d batches and the one-batch run %,d; the two-run"
                  + " method needs more in the small run (lower --batch or raise --records)",
              what,
              runs.smallBatches().batches(),
              runs.oneBatch().batches()));
    }
  }

  /** A bench whose runs did not do equal work: its figures would compare unlike things. */
  public static final class Failed extends IllegalStateException {
    public Failed(String message) {
      super(message);
    }
  }
}
