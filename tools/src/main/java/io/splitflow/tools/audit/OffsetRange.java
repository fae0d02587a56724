package io.splitflow.tools.audit;

import java.util.ArrayList;
import java.util.List;

/** Consecutive Kafka offsets {@code first..last}, to print a long list of offsets short. */
public record OffsetRange(long first, long last) {

  /** Sorted offsets as ranges: 3, 4, 5, 9 become 3-5, 9. */
  public static List<OffsetRange> compress(List<Long> sortedOffsets) {
    List<OffsetRange> ranges = new ArrayList<>();
    long first = 0;
    long last = 0;
    boolean open = false;
    for (long offset : sortedOffsets) {
      if (open && offset == last + 1) {
        last = offset;
        continue;
      }
      if (open) {
        ranges.add(new OffsetRange(first, last));
      }
      first = offset;
      last = offset;
      open = true;
    }
    if (open) {
      ranges.add(new OffsetRange(first, last));
    }
    return ranges;
  }

  public long size() {
    return last - first + 1;
  }

  @Override
  public String toString() {
    return first == last ? Long.toString(first) : first + "-" + last;
  }
}
