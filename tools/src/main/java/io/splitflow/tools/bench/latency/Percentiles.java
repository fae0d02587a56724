package io.splitflow.tools.bench.latency;

import java.util.Arrays;

/**
 * p50, p95, p99 and max of a sample, by the nearest-rank method (the smallest value with at least
 * p% of the sample at or below it), so every figure is a latency one record actually had.
 */
public record Percentiles(long count, double p50, double p95, double p99, double max, double mean) {

  public static final Percentiles EMPTY =
      new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public static Percentiles of(double[] values) {
    if (values.length == 0) {
      return EMPTY;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        sorted.length,
        rank(sorted, 50),
        rank(sorted, 95),
        rank(sorted, 99),
        sorted[sorted.length - 1],
        Arrays.stream(sorted).average().orElse(Double.NaN));
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100) of an ascending sample. */
  static double rank(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  public boolean ordered() {
    return count > 0 && p50 <= p95 && p95 <= p99 && p99 <= max;
  }
}
