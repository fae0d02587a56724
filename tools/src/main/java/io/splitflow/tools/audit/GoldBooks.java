package io.splitflow.tools.audit;

import java.util.List;

/**
 * Bronze's keys against gold, by the audit's own reading of bronze ({@link ExpectedGold}). A key
 * counts when merge has processed its bronze rows, all of them: a key with a bronze row merge has
 * not reached is {@code pending}. Of the counted keys, those whose newest version (by {@code
 * merge.sequence-by}, then offset) is not a delete are {@code expected} in gold, with one live row
 * (scd1: the key's row, not deleted; scd2: its one current row): {@code present} when that row
 * holds the newest version (scd1: its {@code _sequence}; scd2: the newest of the versions it folds)
 * with the same value in every business column, {@code missing} when there is no live row, {@code
 * stale} when the row holds another version, {@code wrongValue} when it holds the newest version's
 * sequence but a column differs. Keys whose newest version is a delete are {@code deleted} when
 * gold has no live row for them, else {@code notDeleted}. {@code unexpected}: gold keys no bronze
 * row has; {@code severalCurrent}: keys with more than one live row (scd2: current rows).
 *
 * @param examples problem keys, {@code kind: key=value, ...}, up to the list limit
 */
public record GoldBooks(
    String mode,
    long expected,
    long present,
    long missing,
    long stale,
    long wrongValue,
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
    return missing == 0
        && stale == 0
        && wrongValue == 0
        && notDeleted == 0
        && unexpected == 0
        && severalCurrent == 0;
  }
}
