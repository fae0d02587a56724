package io.splitflow.tools.bench.ceiling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One plain consumer assigned every partition of a topic, reading from the beginning up to the end
 * offsets taken when it opened (the last stable offsets: it reads committed only, like ingest).
 * Reads stop on positions, not on a record count, so transaction markers, which take offsets but
 * are never returned, do not keep a read waiting.
 */
final class TopicRead implements AutoCloseable {
  static final int FETCH_MIN_BYTES = 1 << 20;
  static final int FETCH_MAX_WAIT_MS = 100;
  static final int MAX_PARTITION_FETCH_BYTES = 8 << 20;
  static final int MAX_POLL_RECORDS = 10_000;
  static final String ISOLATION_LEVEL = "read_committed";

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
  private static final long STALL_NANOS = Duration.ofSeconds(60).toNanos();

  /** What a read returned: records, and the bytes of their keys and values. */
  record Read(long records, long bytes) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Map<TopicPartition, Long> end;

  private TopicRead(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    this.consumer = consumer;
    List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException(
          "topic '" + topic + "' does not exist or has no partitions");
    }
    this.partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    this.end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
  }

  static TopicRead open(String bootstrapServers, String topic) {
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(bootstrapServers));
    try {
      return new TopicRead(consumer, topic);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  int partitions() {
    return partitions.size();
  }

  /**
   * Reads from the beginning until every partition reaches its end offset, or until at least {@code
   * limit} records are read; hands each value to {@code values} unless that is null.
   */
  Read fromBeginning(long limit, Consumer<byte[]> values) {
    consumer.seekToBeginning(partitions);
    List<TopicPartition> unfinished = new ArrayList<>(partitions);
    long records = 0;
    long bytes = 0;
    long lastProgress = System.nanoTime();
    unfinished.removeIf(tp -> consumer.position(tp) >= end.get(tp));
    while (!unfinished.isEmpty() && records < limit) {
      ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
      for (ConsumerRecord<byte[], byte[]> record : batch) {
        records++;
        bytes += length(record.key()) + length(record.value());
        if (values != null) {
          values.accept(record.value());
        }
      }
      long now = System.nanoTime();
      if (!batch.isEmpty()) {
        lastProgress = now;
      } else if (now - lastProgress > STALL_NANOS) {
        throw new IllegalStateException(
            "read nothing for 60 s with partitions "
                + unfinished
                + " short of their end offsets "
                + end
                + " after "
                + records
                + " records");
      }
      unfinished.removeIf(tp -> consumer.position(tp) >= end.get(tp));
    }
    return new Read(records, bytes);
  }

  @Override
  public void close() {
    consumer.close();
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static Properties config(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "splitflow-bench");
    // assign() without a group: nothing to commit, nothing to rebalance
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, ISOLATION_LEVEL);
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(FETCH_MIN_BYTES));
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(FETCH_MAX_WAIT_MS));
    props.put(
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
        Integer.toString(MAX_PARTITION_FETCH_BYTES));
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
    return props;
  }
}
