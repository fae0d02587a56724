package io.splitflow.tools.audit;

import io.splitflow.tools.lake.StreamPosition;
import java.util.List;
import java.util.Optional;

/**
 * What the audit of one dataset found.
 *
 * @param deserialize how far deserialize has read raw, empty before its first committed batch
 * @param merge how far merge has read bronze, empty before its first committed batch
 * @param droppedByEvents records rules dropped, by the event log, over the batches counted
 * @param notes what limits the audit, e.g. a position inside a table version
 */
public record AuditResult(
    String dataset,
    Optional<StreamPosition> deserialize,
    Optional<StreamPosition> merge,
    List<PartitionBooks> partitions,
    List<Finding> findings,
    long droppedByEvents,
    GoldBooks gold,
    List<String> notes) {

  public AuditResult {
    partitions = List.copyOf(partitions);
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }

  public boolean balanced() {
    return partitions.stream().allMatch(PartitionBooks::balanced)
        && droppedByEvents == total(PartitionBooks::dropped)
        && gold.balanced();
  }

  public long total(java.util.function.ToLongFunction<PartitionBooks> count) {
    return partitions.stream().mapToLong(count).sum();
  }

  /** Records lost, over all partitions. */
  public long gaps() {
    return total(PartitionBooks::gaps);
  }
}
