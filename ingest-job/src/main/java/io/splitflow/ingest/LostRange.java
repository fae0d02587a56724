package io.splitflow.ingest;

import org.apache.kafka.common.TopicPartition;

/**
 * Offsets {@code [from, until)} of one partition that ingest will never read: Kafka deleted them
 * (retention, deleteRecords) before ingest read them, or, when the partition's offsets went back
 * below where ingest was ({@code wentBackFrom}, -1 otherwise: the topic was deleted and recreated),
 * the recreated partition's records up to the batch's end, which Spark's Kafka source skips.
 */
record LostRange(TopicPartition partition, long from, long until, long wentBackFrom) {

  LostRange(TopicPartition partition, long from, long until) {
    this(partition, from, until, -1);
  }

  boolean wentBack() {
    return wentBackFrom >= 0;
  }

  long records() {
    return until - from;
  }

  @Override
  public String toString() {
    return "topic "
        + partition.topic()
        + " partition "
        + partition.partition()
        + " offsets "
        + from
        + "-"
        + (until - 1)
        + " ("
        + records()
        + " records)"
        + (wentBack()
            ? ", skipped when the partition's offsets went back from "
                + wentBackFrom
                + " (topic deleted and recreated?)"
            : "");
  }
}
