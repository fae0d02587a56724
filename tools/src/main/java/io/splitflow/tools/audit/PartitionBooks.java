package io.splitflow.tools.audit;

/**
 * The books of one topic-partition: where each raw record went. Counted among the raw records that
 * deserialize has processed: {@code bronze} (in bronze, possibly after a dead-letter replay),
 * {@code deadLetter} (only in the dead-letter table), {@code missing} (in neither: dropped by a
 * rule, or lost). {@code dropped} is what the event log says rules dropped; {@code pending} raw
 * records deserialize has not reached yet. {@code duplicates}: coordinates held more than once
 * (twice in raw, in bronze, in the dead-letter table, or waiting in both); {@code orphans}:
 * coordinates in bronze or the dead-letter table that raw does not have.
 */
public record PartitionBooks(
    String topic,
    int partition,
    Long minOffset,
    Long maxOffset,
    long raw,
    long bronze,
    long deadLetter,
    long dropped,
    long missing,
    long pending,
    long duplicates,
    long orphans) {

  /** Records lost: missing beyond what rules dropped. */
  public long gaps() {
    return Math.max(0, missing - dropped);
  }

  /** The event log counts more drops than records are missing: a count or a table is wrong. */
  public long overDropped() {
    return Math.max(0, dropped - missing);
  }

  public boolean balanced() {
    return gaps() == 0 && overDropped() == 0 && duplicates == 0 && orphans == 0;
  }
}
