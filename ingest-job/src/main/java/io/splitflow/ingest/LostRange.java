package io.splitflow.ingest;

import org.apache.kafka.common.TopicPartition;

/**
 * Offsets {@code [from, until)} of one partition that Kafka deleted (retention, deleteRecords)
 * before ingest read them: they can never reach raw.
 */
record LostRange(TopicPartition partition, long from, long until) {

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
        + " records)";
  }
}
