package io.splitflow.tools.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.Meter;
import io.splitflow.tools.bench.Stages;
import io.splitflow.tools.generate.GeneratorSettings;
import io.splitflow.tools.generate.KafkaMessageWriter;
import io.splitflow.tools.generate.Message;
import io.splitflow.tools.generate.SensorGenerator;
import io.splitflow.tools.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One broker for the whole class: starting one costs seconds. */
class ConsumerCeilingTest {

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void readsEveryRecordOfEveryPartitionOnceMeasured() throws Exception {
    String topic = topic();
    List<Message> produced = produceReadings(topic, 5_000);

    Measurement l1 = ConsumerCeiling.measure(Meter.local(), kafka.bootstrapServers(), topic);

    assertThat(l1.name()).isEqualTo(Stages.L1_CONSUMER);
    assertThat(l1.records()).isEqualTo(5_000);
    assertThat(l1.details().get("bytes"))
        .isEqualTo(produced.stream().mapToLong(m -> m.key().length + m.value().length).sum());
    assertThat(l1.cpuSeconds()).isPositive();
    assertThat(l1.wallSeconds()).isPositive();
    assertThat(l1.details())
        .containsEntry("partitions", 2)
        .containsEntry("warm-up records", 5_000L)
        .containsEntry("isolation.level", "read_committed")
        .containsKeys("fetch.min.bytes", "max.partition.fetch.bytes", "max.poll.records");
  }

  @Test
  void payloadsAreEveryValueProducedInEachPartitionsOrder() {
    String topic = topic();
    List<Message> produced = produceReadings(topic, 5_000);

    List<byte[]> values = Payloads.fetch(kafka.bootstrapServers(), topic);

    // a key always lands on one partition, so the values of one key keep their produced order
    assertThat(byKey(values))
        .isNotEmpty()
        .isEqualTo(byKey(produced.stream().map(Message::value).toList()));
    assertThat(text(values))
        .containsExactlyInAnyOrderElementsOf(text(produced.stream().map(Message::value).toList()));
  }

  @Test
  void stopsAtTheEndOffsetsThoughTransactionMarkersTakeOffsetsItNeverSees() throws Exception {
    String topic = topic();
    kafka.createTopic(topic, 1);
    produceInTransactions(topic, 3, 10);

    Measurement l1 = ConsumerCeiling.measure(Meter.local(), kafka.bootstrapServers(), topic);

    // 30 records and 3 commit markers: 33 offsets, 30 records
    assertThat(kafka.endOffsetsTotal(topic)).isEqualTo(33);
    assertThat(l1.records()).isEqualTo(30);
    assertThat(Payloads.fetch(kafka.bootstrapServers(), topic)).hasSize(30);
  }

  @Test
  void anEmptyTopicReadsAsNoRecords() throws Exception {
    String topic = topic();
    kafka.createTopic(topic, 2);

    Measurement l1 = ConsumerCeiling.measure(Meter.local(), kafka.bootstrapServers(), topic);

    assertThat(l1.records()).isZero();
    assertThat(l1.details()).containsEntry("bytes", 0L);
  }

  @Test
  void aMissingTopicIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> ConsumerCeiling.measure(Meter.local(), kafka.bootstrapServers(), "no-such-topic"))
        .withMessage("topic 'no-such-topic' does not exist or has no partitions");
  }

  private static List<Message> produceReadings(String topic, int records) {
    kafka.createTopic(topic, 2);
    List<Message> produced = new ArrayList<>();
    new SensorGenerator(GeneratorSettings.defaults(records)).forEachRemaining(produced::add);
    KafkaMessageWriter.produce(kafka.bootstrapServers(), topic, produced.iterator());
    return produced;
  }

  /** Values grouped by the reading's sensor and date (the message key), in the order given. */
  private static Map<String, List<String>> byKey(List<byte[]> values) {
    Pattern key = Pattern.compile("\"sensor_id\":\"([^\"]*)\",\"reading_date\":\"([^\"]*)\"");
    Map<String, List<String>> grouped = new HashMap<>();
    for (String value : text(values)) {
      Matcher m = key.matcher(value);
      if (m.find()) {
        grouped.computeIfAbsent(m.group(1) + "|" + m.group(2), k -> new ArrayList<>()).add(value);
      }
    }
    return grouped;
  }

  private static void produceInTransactions(String topic, int transactions, int perTransaction) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-l1-" + topic);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      producer.initTransactions();
      for (int t = 0; t < transactions; t++) {
        producer.beginTransaction();
        for (int i = 0; i < perTransaction; i++) {
          producer.send(new ProducerRecord<>(topic, bytes("k" + i), bytes("v" + t + "-" + i)));
        }
        producer.commitTransaction();
      }
    }
  }

  private static String topic() {
    return "bench-l1-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> text(List<byte[]> values) {
    return values.stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
  }
}
