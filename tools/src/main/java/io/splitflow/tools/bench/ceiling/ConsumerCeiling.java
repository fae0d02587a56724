package io.splitflow.tools.bench.ceiling;

import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.Meter;
import io.splitflow.tools.bench.Stages;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * L1: how fast one plain KafkaConsumer on one thread reads a whole topic, with no Spark in the way.
 *
 * <p>The measured part is one read of every partition from its beginning to its end offset,
 * dropping the values. Before it, unmeasured, the same consumer reads the topic once as a warm-up:
 * a cold JVM read 2M records at well under half the warm rate (200k records of warm-up were not
 * enough, the JIT's own CPU counting as the process's), and a ceiling should be the steady state.
 * Values are not kept: holding 2M arrays live doubled L1's CPU (the collector copies them), which
 * is no cost of reading; {@link Payloads#fetch} gets them for L2.
 */
public final class ConsumerCeiling {
  private ConsumerCeiling() {}

  public static Measurement measure(Meter meter, String bootstrapServers, String topic)
      throws Exception {
    try (TopicRead read = TopicRead.open(bootstrapServers, topic)) {
      long warmUp = read.fromBeginning(Long.MAX_VALUE, null).records();
      Measurement measurement =
          meter.measure(
              Stages.L1_CONSUMER,
              () -> {
                TopicRead.Read all = read.fromBeginning(Long.MAX_VALUE, null);
                return new Meter.Outcome(all.records(), Map.of("bytes", all.bytes()));
              });
      return measurement.withDetails(details(topic, read.partitions(), warmUp));
    }
  }

  private static Map<String, Object> details(String topic, int partitions, long warmUp) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("topic", topic);
    details.put("partitions", partitions);
    details.put("warm-up records", warmUp);
    details.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, TopicRead.FETCH_MIN_BYTES);
    details.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, TopicRead.FETCH_MAX_WAIT_MS);
    details.put(
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, TopicRead.MAX_PARTITION_FETCH_BYTES);
    details.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, TopicRead.MAX_POLL_RECORDS);
    details.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, TopicRead.ISOLATION_LEVEL);
    return details;
  }
}
