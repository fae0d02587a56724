package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topic written by a transactional producer, with committed and aborted transactions: ingest
 * reads with isolation.level=read_committed by default, so raw holds exactly the committed records,
 * and none of the aborted ones.
 */
@Timeout(300)
class TransactionalProducerIT {
  @TempDir Path lake;

  @Test
  void rawHoldsExactlyTheCommittedRecordsOfATransactionalProducer() throws Exception {
    Pipeline p = new Pipeline(lake);
    produceCommittedAndAborted(p);

    p.run(JobName.INGEST);

    assertThat(p.table(TableLayer.RAW).collectAsList())
        .extracting(r -> new String((byte[]) r.getAs("key"), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder("committed-1", "committed-2", "committed-3");
  }

  /**
   * The default matters: read_uncommitted, which users can still choose, lets aborted records in.
   */
  @Test
  void readUncommittedWouldLetAbortedRecordsIn() throws Exception {
    Pipeline p =
        new Pipeline(
            lake,
            yaml ->
                yaml.replace("  options: {}", "  options: { isolation.level: read_uncommitted }"));
    produceCommittedAndAborted(p);

    p.run(JobName.INGEST);

    assertThat(p.count(TableLayer.RAW)).isEqualTo(6);
  }

  private static void produceCommittedAndAborted(Pipeline p) {
    try (KafkaProducer<byte[], byte[]> producer = transactional(p)) {
      producer.initTransactions();
      send(producer, p, "committed-1", "committed-2");
      producer.commitTransaction();
      send(producer, p, "aborted-1", "aborted-2", "aborted-3");
      producer.abortTransaction();
      send(producer, p, "committed-3");
      producer.commitTransaction();
    }
  }

  private static KafkaProducer<byte[], byte[]> transactional(Pipeline p) {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            Pipeline.broker().bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "splitflow-test-" + p.topic,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            "true",
            ProducerConfig.ACKS_CONFIG,
            "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, Pipeline p, String... keys) {
    producer.beginTransaction();
    for (String key : keys) {
      producer.send(
          new ProducerRecord<>(
              p.topic,
              key.getBytes(StandardCharsets.UTF_8),
              ("{\"id\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8)));
    }
    producer.flush();
  }
}
