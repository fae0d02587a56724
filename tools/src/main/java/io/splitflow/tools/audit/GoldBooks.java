package io.splitflow.tools.audit;

import java.util.List;

/**
 * Bronze's keys against gold. A key counts when merge has processed its bronze rows, all of them: a
 * key with a bronze row merge has not reached is {@code pending}. Of the counted keys, those whose
 * latest version (by {@code merge.sequence-by}, then offset) is not a delete are {@code expected}
 * in gold: {@code present} (scd1: the gold row with that version's {@code _sequence}; scd2: one
 * current row, not deleted), {@code missing}, or {@code stale} (scd1: gold holds another version).
 * Keys whose latest version is a delete are {@code deleted} when gold has no live row for them,
 * else {@code notDeleted}. {@code unexpected}: live gold keys no bronze row has; {@code
 * severalCurrent}: scd2 keys with more than one current row.
 *
 * @param examples problem keys, {@code kind: key=value, ...}, up to the list limit
 */
public record GoldBooks(
    String mode,
    long expected,
    long present,
    long missing,
    long stale,
    long deleted,
    long notDeleted,
    long unexpected,
    long severalCurrent,
    long pending,
    List<String> examples) {

  public GoldBooks {
    examples = List.copyOf(examples);
  }

  public boolean balanced() {
    return missing == 0 && stale == 0 && notDeleted == 0 && unexpected == 0 && severalCurrent == 0;
  }
}
