package io.splitflow.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.splitflow.tools.generate.GeneratorSettings;
import io.splitflow.tools.generate.KafkaMessageWriter;
import io.splitflow.tools.generate.Message;
import io.splitflow.tools.generate.MessageKind;
import io.splitflow.tools.generate.SensorGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One broker for the whole class: starting one costs seconds. */
class EmbeddedKafkaTest {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    long started = System.nanoTime();
    kafka = EmbeddedKafka.start();
    System.out.printf(
        "embedded Kafka started in %d ms at %s%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis(), kafka.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
    kafka.close(); // idempotent
  }

  @Test
  void producedMessagesComeBackWithEachKeyOnOnePartition() {
    String topic = "readings";
    kafka.createTopic(topic, 2);
    SensorGenerator generator = new SensorGenerator(GeneratorSettings.defaults(1_000));

    long sent = KafkaMessageWriter.produce(kafka.bootstrapServers(), topic, generator);

    assertThat(sent).isEqualTo(1_000);
    assertThat(generator.expectation().total()).isEqualTo(1_000);
    List<ConsumerRecord<byte[], byte[]>> records = consumeAll(topic, 2, 1_000);
    assertThat(records).hasSize(1_000);
    Map<String, Set<Integer>> partitionsPerKey = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      partitionsPerKey
          .computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new HashSet<>())
          .add(record.partition());
    }
    assertThat(partitionsPerKey.values())
        .allSatisfy(partitions -> assertThat(partitions).hasSize(1));
    // with ~1,000 keys hashed over two partitions, both get some
    assertThat(records).extracting(ConsumerRecord::partition).contains(0, 1);
    assertThat(kafka.endOffsetsTotal(topic)).isEqualTo(1_000);
  }

  @Test
  void aFailedSendFailsTheWholeProduce() {
    kafka.createTopic("too-large", 1);
    byte[] key = "k".getBytes(StandardCharsets.UTF_8);
    List<Message> messages =
        List.of(
            new Message(key, "{}".getBytes(StandardCharsets.UTF_8), MessageKind.VALID),
            new Message(
                key, new byte[2 * 1024 * 1024], MessageKind.MALFORMED)); // over max.request.size

    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                KafkaMessageWriter.produce(
                    kafka.bootstrapServers(), "too-large", messages.iterator()))
        .withMessageContaining("sends to topic 'too-large'")
        .withCauseInstanceOf(RecordTooLargeException.class);
  }

  @Test
  void anEmptyTopicHoldsNothing() {
    kafka.createTopic("empty", 3);

    assertThat(kafka.endOffsetsTotal("empty")).isZero();
  }

  @Test
  void creatingAnExistingTopicFailsClearly() {
    kafka.createTopic("twice", 1);

    assertThatIllegalStateException()
        .isThrownBy(() -> kafka.createTopic("twice", 1))
        .withMessageContaining("could not create topic 'twice'")
        .withCauseInstanceOf(TopicExistsException.class);
  }

  @Test
  void topicsAreNotCreatedByAccident() {
    assertThatIllegalStateException()
        .isThrownBy(() -> kafka.endOffsetsTotal("never-created"))
        .withMessageContaining("never-created");
  }

  private static List<ConsumerRecord<byte[], byte[]>> consumeAll(
      String topic, int partitions, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> assigned =
          IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      // keep polling a little past the expected count so extra records would be caught too
      while (System.nanoTime() < deadline && records.size() <= expected) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        if (records.size() >= expected && consumer.poll(Duration.ofMillis(500)).isEmpty()) {
          break;
        }
      }
    }
    return records;
  }
}
