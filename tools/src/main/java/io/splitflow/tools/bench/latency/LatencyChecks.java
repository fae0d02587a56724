package io.splitflow.tools.bench.latency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a latency run requires of the lake: every record in gold exactly once (rows, keys and the
 * change feed's inserts all equal to the records produced, no updates), none dead-lettered, each
 * with its Kafka timestamp, and latencies that make sense.
 */
final class LatencyChecks {
  private LatencyChecks() {}

  static List<Check> of(long produced, GoldLatencies.Lake lake, Percentiles latency) {
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            "every record reached gold once",
            lake.goldRows() == produced
                && lake.goldKeys() == produced
                && lake.inserts() == produced
                && lake.otherChanges() == 0,
            String.format(
                Locale.ROOT,
                "%,d produced; gold has %,d rows of %,d keys; change feed: %,d inserts, %,d other"
                    + " changes",
                produced,
                lake.goldRows(),
                lake.goldKeys(),
                lake.inserts(),
                lake.otherChanges())));
    checks.add(
        new Check(
            "no dead letters", lake.deadLetters() == 0, lake.deadLetters() + " dead letters"));
    checks.add(
        new Check(
            "every gold row has its Kafka timestamp",
            lake.unmatched() == 0 && latency.count() == lake.inserts(),
            lake.unmatched() + " inserts without a bronze row"));
    checks.add(
        new Check(
            "latencies ordered and positive",
            latency.ordered()
                && latency.count() > 0
                && Arrays.stream(lake.latencySeconds()).allMatch(l -> l > 0),
            "p50 <= p95 <= p99 <= max, every latency > 0"));
    return checks;
  }
}
