package io.splitflow.tools.audit;

import java.util.List;

/**
 * One kind of problem in one topic-partition, with its offsets as ranges (the first ones, when
 * there are many: {@code count} is always the full number).
 *
 * @param kind {@code gap} (in raw, processed, in neither bronze nor dead letters, and no rule
 *     dropped records here), {@code missing} (the same where rules dropped some records, so the
 *     list holds the dropped ones too), {@code duplicate} or {@code orphan}
 */
public record Finding(
    String kind, String topic, int partition, long count, List<OffsetRange> ranges) {
  public static final String GAP = "gap";
  public static final String MISSING = "missing";
  public static final String DUPLICATE = "duplicate";
  public static final String ORPHAN = "orphan";

  public Finding {
    ranges = List.copyOf(ranges);
  }

  /** Whether {@link #ranges()} lists every offset. */
  public boolean complete() {
    return ranges.stream().mapToLong(OffsetRange::size).sum() == count;
  }
}
