package io.splitflow.tools.status;

import java.util.Map;

/**
 * How far a job is behind its input: in records (null when unknown) and, for a Delta input, in
 * table versions. {@code note} says why a number is missing or approximate.
 *
 * @param input what the job reads: {@code kafka}, {@code raw} or {@code bronze}
 */
public record Lag(String input, Long records, Long versions, String note) {

  public static Lag unknown(String input, String note) {
    return new Lag(input, null, null, note);
  }

  /**
   * Records in Kafka that ingest has not read: per partition, the end offset minus the next offset
   * ingest will read, or minus the earliest offset for a partition ingest has not read yet (a new
   * partition, or no batch committed). Never negative: a partition Kafka truncated below ingest's
   * position counts zero.
   */
  public static long kafkaRecords(
      Map<?, Long> endOffsets, Map<?, Long> nextOffsets, Map<?, Long> earliestOffsets) {
    long behind = 0;
    for (Map.Entry<?, Long> end : endOffsets.entrySet()) {
      Long next = nextOffsets.get(end.getKey());
      long from = next != null ? next : earliestOffsets.getOrDefault(end.getKey(), 0L);
      behind += Math.max(0, end.getValue() - from);
    }
    return behind;
  }

  /**
   * Versions of a Delta input not yet processed: those after {@code processedThrough} (-1 when none
   * was) up to {@code latest}.
   */
  public static long versionsBehind(long latest, long processedThrough) {
    return Math.max(0, latest - processedThrough);
  }
}
