package io.splitflow.tools.it;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.job.RestartPolicy;
import io.splitflow.common.job.StreamingJob;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.common.trigger.TriggerSpec;
import io.splitflow.deserialize.DeserializeJob;
import io.splitflow.ingest.IngestJob;
import io.splitflow.merge.MergeJob;
import io.splitflow.tools.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One pipeline under test: the shipped conf/local.yaml pointed at the shared embedded broker, a
 * topic with a random suffix and a lake in a temp directory; the jobs run in-process with
 * available-now, exactly as bin/splitflow runs them.
 */
final class Pipeline {
  static final String DATASET = "sensor_readings";
  static final String AVRO_DATASET = "sensor_readings_avro";
  private static EmbeddedKafka broker;

  final SparkSession spark = SparkTestSession.get();
  final String topic;
  final String bootstrapServers;
  final SplitflowConfig config;
  final DatasetConfig dataset;
  private Path configFile;
  private String configName;
  private List<String> overrides;

  Pipeline(Path lake) {
    this(lake, yaml -> yaml);
  }

  /** A pipeline on the shipped config as changed by {@code edit} (e.g. a stricter schema). */
  Pipeline(Path lake, UnaryOperator<String> edit) {
    this(lake, edit, null, DATASET);
  }

  /** A pipeline for another dataset of the shipped config, e.g. the Confluent-Avro one. */
  static Pipeline forDataset(Path lake, String datasetName) {
    return new Pipeline(lake, yaml -> yaml, datasetName);
  }

  Pipeline(Path lake, UnaryOperator<String> edit, String datasetName) {
    this(lake, edit, null, datasetName);
  }

  private Pipeline(
      Path lake, UnaryOperator<String> edit, String existingTopic, String datasetName) {
    this(lake, edit, existingTopic, datasetName, broker().bootstrapServers(), "local.yaml");
  }

  /** A pipeline for a dataset of another shipped config file of conf/, e.g. orders.yaml. */
  static Pipeline forConfig(Path lake, String configFile, String datasetName) {
    return new Pipeline(
        lake, yaml -> yaml, null, datasetName, broker().bootstrapServers(), configFile);
  }

  /** A pipeline on a broker of the test's own (e.g. one it stops), on a topic already there. */
  static Pipeline onBroker(
      Path lake, String bootstrapServers, String topic, UnaryOperator<String> edit) {
    return new Pipeline(lake, edit, topic, DATASET, bootstrapServers, "local.yaml");
  }

  private Pipeline(
      Path lake,
      UnaryOperator<String> edit,
      String existingTopic,
      String datasetName,
      String bootstrapServers,
      String configName) {
    EmbeddedKafka kafka = broker();
    this.bootstrapServers = bootstrapServers;
    topic =
        existingTopic != null
            ? existingTopic
            : "sensor_readings_" + UUID.randomUUID().toString().substring(0, 8);
    if (existingTopic == null) {
      kafka.createTopic(topic, 2);
    }
    this.configName = configName;
    config = load(lake, edit, topic, datasetName);
    dataset = config.dataset(datasetName);
  }

  /** The same topic and lake with another config: a redeploy after a config fix. */
  Pipeline redeployed(Path lake, UnaryOperator<String> edit) {
    return new Pipeline(lake, edit, topic, dataset.name(), bootstrapServers, configName);
  }

  private SplitflowConfig load(
      Path lake, UnaryOperator<String> edit, String topicName, String datasetName) {
    Path file;
    try {
      String yaml = Files.readString(Path.of("..", "conf", configName));
      Path dir = Files.createDirectories(lake.resolve("_test-conf"));
      file = Files.createTempFile(dir, "config", ".yaml");
      Files.writeString(file, edit.apply(yaml));
      // schema files named in the config resolve against conf/, as for the shipped file
      Files.createDirectories(file.getParent().resolve("schemas"));
      copySchemas(file.getParent().resolve("schemas"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    configFile = file;
    overrides =
        List.of(
            "kafka.bootstrap-servers=" + bootstrapServers,
            "lake.root=" + lake,
            "datasets." + datasetName + ".topic=" + topicName);
    return ConfigLoader.load(file, overrides, Map.of());
  }

  static void copySchemas(Path target) throws IOException {
    Path source = Path.of("..", "conf", "schemas");
    if (!Files.isDirectory(source)) {
      return;
    }
    try (var files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** One broker per test JVM: starting one costs seconds. */
  static synchronized EmbeddedKafka broker() {
    if (broker == null) {
      broker = EmbeddedKafka.start();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    }
    return broker;
  }

  void produce(List<ProducerRecord<byte[], byte[]>> records) {
    produce(bootstrapServers, records);
  }

  /** Sends {@code records} to the broker at {@code bootstrapServers}, idempotent, acks=all. */
  static void produce(String bootstrapServers, List<ProducerRecord<byte[], byte[]>> records) {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (ProducerRecord<byte[], byte[]> record : records) {
        producer.send(record);
      }
      producer.flush();
    }
  }

  /** A record on this pipeline's topic, keyed like the generator does (one key, one partition). */
  ProducerRecord<byte[], byte[]> record(String key, String json) {
    return new ProducerRecord<>(
        topic,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  void run(JobName job) throws Exception {
    JobRunner.run(spark, context(job), streamingJob(job));
  }

  /** Runs a job that restarts after failures as {@code --restart-on-failure} makes it. */
  void run(JobName job, RestartPolicy restarts) throws Exception {
    JobRunner.run(spark, context(job), streamingJob(job), restarts);
  }

  /** The command line that runs {@code job} on this pipeline, as bin/splitflow takes it. */
  List<String> cliArgs(JobName job, String... more) {
    List<String> args = new java.util.ArrayList<>();
    args.addAll(List.of(job.id(), "--config", configFile.toString(), "--dataset", dataset.name()));
    overrides.forEach(override -> args.addAll(List.of("--set", override)));
    args.addAll(List.of(more));
    return args;
  }

  JobContext context(JobName job) {
    return new JobContext(config, dataset, job, new TriggerSpec.AvailableNow());
  }

  void runAll() throws Exception {
    run(JobName.INGEST);
    run(JobName.DESERIALIZE);
    run(JobName.MERGE);
  }

  static StreamingJob streamingJob(JobName job) {
    return switch (job) {
      case INGEST -> new IngestJob();
      case DESERIALIZE -> new DeserializeJob();
      case MERGE -> new MergeJob();
    };
  }

  Dataset<Row> table(TableLayer layer) {
    return dataset.table(layer).read(spark);
  }

  long count(TableLayer layer) {
    return table(layer).count();
  }
}
