package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.cli.ErrorReporting;
import io.splitflow.common.cli.JobOptions;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.ingest.IngestJob;
import io.splitflow.tools.kafka.EmbeddedKafka;
import io.splitflow.tools.kafka.KafkaScram;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest against a broker that takes SCRAM-SHA-512 clients only: the config's kafka.options reach
 * the Kafka client, the right credentials ingest every record, wrong ones fail with an
 * authentication error and write nothing.
 */
@Timeout(300)
class SecurityIT {
  @TempDir Path lake;
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void rightCredentialsIngestEveryRecord() throws Exception {
    SecuredPipeline p = new SecuredPipeline(lake);
    List<String> keys = p.produce(25);
    JobContext context = p.context(SecuredPipeline.PASSWORD);

    JobRunner.run(spark, context, new IngestJob());

    assertThat(context.table(TableLayer.RAW).read(spark).collectAsList())
        .extracting(r -> new String((byte[]) r.getAs("key"), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void wrongCredentialsFailWithAnAuthenticationErrorAndWriteNothing() {
    SecuredPipeline p = new SecuredPipeline(lake);
    p.produce(5);
    JobContext context = p.context(SecuredPipeline.WRONG_PASSWORD);

    assertThatThrownBy(() -> JobRunner.run(spark, context, new IngestJob()))
        .satisfies(
            e ->
                assertThat(ErrorReporting.rootMessage(e))
                    .containsIgnoringCase("authentication failed")
                    .contains("SASL", KafkaScram.MECHANISM));

    assertThat(context.table(TableLayer.RAW).read(spark).count()).isZero();
    assertThat(filesUnder(context.checkpoint(), "offsets")).as("no batch was planned").isEmpty();
    assertThat(filesUnder(context.checkpoint(), "commits")).as("no batch committed").isEmpty();
  }

  private static List<File> filesUnder(String checkpoint, String dir) {
    File[] files = new File(checkpoint, dir).listFiles(f -> !f.getName().startsWith("."));
    return files == null ? List.of() : List.of(files);
  }

  /**
   * The ingest job's config for a secured broker: conf/local.yaml with SCRAM client options whose
   * password comes from the environment, a registry with basic auth on the Avro dataset and a token
   * option, on a fresh topic and lake. One SCRAM broker per test JVM.
   */
  static final class SecuredPipeline {
    static final String USER = "splitflow";
    static final String PASSWORD = "scram-pw-" + UUID.randomUUID();
    static final String WRONG_PASSWORD = "wrong-pw-" + UUID.randomUUID();
    static final String REGISTRY_PASSWORD = "registry-pw-" + UUID.randomUUID();
    static final String TOKEN = "audit-token-" + UUID.randomUUID();
    private static EmbeddedKafka broker;

    final String topic = "secured_" + UUID.randomUUID().toString().substring(0, 8);
    final Path configFile;
    private final Path lake;

    SecuredPipeline(Path lake) {
      this.lake = lake;
      this.configFile = writeConfig(lake.resolve("secured.yaml"));
      broker().createTopic(topic, 2);
    }

    static synchronized EmbeddedKafka broker() {
      if (broker == null) {
        broker = EmbeddedKafka.startWithScram(Map.of(USER, PASSWORD));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
      }
      return broker;
    }

    /** Records keyed r0..r(count-1), produced as the authorised user. */
    List<String> produce(int count) {
      Properties props = broker().clientProperties(USER);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      List<String> keys = IntStream.range(0, count).mapToObj(i -> "r" + i).toList();
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
        for (String key : keys) {
          producer.send(
              new ProducerRecord<>(
                  topic,
                  key.getBytes(StandardCharsets.UTF_8),
                  ("{\"id\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
      }
      return keys;
    }

    JobContext context(String kafkaPassword) {
      return options().context(JobName.INGEST, env(kafkaPassword));
    }

    /** The context with {@code extra} overrides after the pipeline's own. */
    JobContext context(String kafkaPassword, List<String> extra) {
      return options(extra).context(JobName.INGEST, env(kafkaPassword));
    }

    JobOptions options() {
      return options(List.of());
    }

    JobOptions options(List<String> extra) {
      List<String> all = new java.util.ArrayList<>(overrides());
      all.addAll(extra);
      return JobOptions.of(configFile, Pipeline.DATASET, null, all);
    }

    List<String> overrides() {
      return List.of(
          "kafka.bootstrap-servers=" + broker().bootstrapServers(),
          "lake.root=" + lake,
          "datasets." + Pipeline.DATASET + ".topic=" + topic);
    }

    /** The passwords reach the config only through the environment, as in production. */
    static Map<String, String> env(String kafkaPassword) {
      Map<String, String> env = new HashMap<>();
      env.put("KAFKA_PASSWORD", kafkaPassword);
      env.put("REGISTRY_PASSWORD", REGISTRY_PASSWORD);
      return env;
    }

    private static Path writeConfig(Path file) {
      String schemas = Path.of("..", "conf", "schemas").toAbsolutePath().normalize() + "/";
      String jaas = KafkaScram.jaasConfig(USER, "${KAFKA_PASSWORD}").replace("\"", "\\\"");
      try {
        String yaml =
            Files.readString(Path.of("..", "conf", "local.yaml"))
                .replace(
                    "  options: {}",
                    "  options:\n"
                        + "    security.protocol: SASL_PLAINTEXT\n"
                        + ("    sasl.mechanism: " + KafkaScram.MECHANISM + "\n")
                        + ("    sasl.jaas.config: \"" + jaas + "\"\n")
                        + ("    audit.token: " + TOKEN))
                .replace("avro-file: schemas/", "avro-file: " + schemas)
                .replace(
                    "registry: { schemas-dir: schemas/registry }",
                    "registry: { url: \"https://registry.invalid:8081\", username: splitflow,"
                        + " password: \"${REGISTRY_PASSWORD}\" }");
        assertThat(yaml).contains("SASL_PLAINTEXT", "audit.token", "REGISTRY_PASSWORD", schemas);
        return Files.writeString(file, yaml);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
