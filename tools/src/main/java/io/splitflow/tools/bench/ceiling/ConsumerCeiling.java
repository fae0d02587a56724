package io.splitflow.tools.bench.ceiling;

import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.Meter;
import io.splitflow.tools.bench.Stages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * L1: how fast one plain KafkaConsumer on one thread reads a whole topic, with no Spark in the way.
 *
 * <p>It reads every partition from its beginning up to the end offsets taken before the stage
 * starts (the last stable offsets, as it reads committed only, like ingest). It stops on positions,
 * not on a record count, so transaction markers, which take offsets but are never returned, do not
 * keep it waiting. The measured part is the seek and the polling; creating the consumer and asking
 * for the end offsets are not.
 *
 * <p>Values handed to a sink are included in the measurement: the deserializer allocates the arrays
 * anyway, and keeping them only adds the sink's own work (an ArrayList add), so the bench reads the
 * topic once and decodes the kept values for L2. The details say whether values were kept.
 */
public final class ConsumerCeiling {
  static final int FETCH_MIN_BYTES = 1 << 20;
  static final int FETCH_MAX_WAIT_MS = 100;
  static final int MAX_PARTITION_FETCH_BYTES = 8 << 20;
  static final int MAX_POLL_RECORDS = 10_000;
  static final String ISOLATION_LEVEL = "read_committed";

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
  private static final long STALL_NANOS = Duration.ofSeconds(60).toNanos();

  private ConsumerCeiling() {}

  /** Reads the topic without keeping any value. */
  public static Measurement measure(Meter meter, String bootstrapServers, String topic)
      throws Exception {
    return measure(meter, bootstrapServers, topic, null);
  }

  /** Reads the topic and hands every value, in per-partition order, to {@code values}. */
  public static Measurement measure(
      Meter meter, String bootstrapServers, String topic, Consumer<byte[]> values)
      throws Exception {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(bootstrapServers))) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
      Measurement measurement =
          meter.measure(
              Stages.L1_CONSUMER,
              () -> {
                consumer.seekToBeginning(partitions);
                Read read = readToEnd(consumer, end, values);
                return new Meter.Outcome(read.records(), Map.of("bytes", read.bytes()));
              });
      return measurement.withDetails(details(topic, partitions.size(), values != null));
    }
  }

  /** What L1 read: records, and the bytes of their keys and values. */
  private record Read(long records, long bytes) {}

  private static Read readToEnd(
      KafkaConsumer<byte[], byte[]> consumer,
      Map<TopicPartition, Long> end,
      Consumer<byte[]> values) {
    List<TopicPartition> unfinished = new ArrayList<>(end.keySet());
    long records = 0;
    long bytes = 0;
    long lastProgress = System.nanoTime();
    unfinished.removeIf(tp -> consumer.position(tp) >= end.get(tp));
    while (!unfinished.isEmpty()) {
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
            "L1 read nothing for 60 s with partitions "
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

  private static List<TopicPartition> partitions(
      KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException(
          "topic '" + topic + "' does not exist or has no partitions");
    }
    return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static Map<String, Object> details(String topic, int partitions, boolean valuesKept) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("topic", topic);
    details.put("partitions", partitions);
    details.put("values kept", valuesKept);
    details.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
    details.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
    details.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_PARTITION_FETCH_BYTES);
    details.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    details.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, ISOLATION_LEVEL);
    return details;
  }

  private static Properties config(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "splitflow-bench-l1");
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
