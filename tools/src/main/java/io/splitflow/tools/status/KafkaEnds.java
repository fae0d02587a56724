package io.splitflow.tools.status;

import io.splitflow.common.config.KafkaSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** The earliest and end offsets of every partition of a topic, read with one Admin client. */
record KafkaEnds(Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> end) {
  private static final long TIMEOUT_SECONDS = 15;

  static KafkaEnds of(KafkaSettings kafka, String topic) {
    Map<String, Object> props = new HashMap<>(kafka.options());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.keySet().removeIf(key -> !AdminClientConfig.configNames().contains(key));
    try (Admin admin = Admin.create(props)) {
      TopicDescription description =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(topic);
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      description
          .partitions()
          .forEach(
              p -> {
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
              });
      return new KafkaEnds(offsets(admin, earliest), offsets(admin, latest));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the offsets of " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "cannot read the offsets of topic " + topic + ": " + cause.getMessage(), e);
    }
  }

  private static Map<TopicPartition, Long> offsets(
      Admin admin, Map<TopicPartition, OffsetSpec> request)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    admin
        .listOffsets(request)
        .all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }
}
