package io.splitflow.microbench;

import java.util.List;

/**
 * Hands out the elements of a fixed list one per call, round and round, so a benchmark measures one
 * record per operation over a realistic mix rather than the same record again and again.
 */
final class Cycle<T> {
  private final Object[] items;
  private int next;

  Cycle(List<? extends T> items) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("nothing to cycle through");
    }
    this.items = items.toArray();
  }

  @SuppressWarnings("unchecked")
  T next() {
    T item = (T) items[next];
    if (++next == items.length) {
      next = 0;
    }
    return item;
  }
}
