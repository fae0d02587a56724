package io.splitflow.tools.generate;

import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes generated messages to a topic with an idempotent producer. */
public final class KafkaMessageWriter {

  private static final int BATCH_BYTES = 256 * 1024;

  private KafkaMessageWriter() {}

  /**
   * Sends every message, flushes, and returns how many were sent.
   *
   * @throws IllegalStateException if any send failed (after the producer's own retries)
   */
  public static long produce(String bootstrapServers, String topic, Iterator<Message> messages) {
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    AtomicLong failures = new AtomicLong();
    long sent = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config(bootstrapServers))) {
      while (messages.hasNext() && firstFailure.get() == null) {
        Message message = messages.next();
        producer.send(
            new ProducerRecord<>(topic, message.key(), message.value()),
            (metadata, error) -> {
              if (error != null) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, error);
              }
            });
        sent++;
      }
      producer.flush();
    } catch (RuntimeException e) {
      // send() itself throws for some errors (serialization, buffer timeouts, a closed producer)
      throw new IllegalStateException(
          "producing to topic '"
              + topic
              + "' at "
              + bootstrapServers
              + " failed after "
              + sent
              + " messages: "
              + e.getMessage(),
          e);
    }
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException(
          failures.get()
              + " of "
              + sent
              + " sends to topic '"
              + topic
              + "' at "
              + bootstrapServers
              + " failed; first: "
              + failure,
          failure);
    }
    return sent;
  }

  /**
   * lz4 when its jar is on the class path (kafka-clients brings at.yawk.lz4:lz4-java at run time).
   */
  static String compressionType() {
    try {
      Class.forName("net.jpountz.lz4.LZ4Factory", false, KafkaMessageWriter.class.getClassLoader());
      return "lz4";
    } catch (ClassNotFoundException | LinkageError e) {
      return "none";
    }
  }

  private static Properties config(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(BATCH_BYTES));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compressionType());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "splitflow-generator");
    return props;
  }
}
