package io.splitflow.tools.it;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.job.StreamingJob;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.common.trigger.TriggerSpec;
import io.splitflow.deserialize.DeserializeJob;
import io.splitflow.ingest.IngestJob;
import io.splitflow.merge.MergeJob;
import io.splitflow.tools.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  private static EmbeddedKafka broker;

  final SparkSession spark = SparkTestSession.get();
  final String topic = "sensor_readings_" + UUID.randomUUID().toString().substring(0, 8);
  final SplitflowConfig config;
  final DatasetConfig dataset;

  Pipeline(Path lake) {
    EmbeddedKafka kafka = broker();
    kafka.createTopic(topic, 2);
    config =
        ConfigLoader.load(
            Path.of("..", "conf", "local.yaml"),
            List.of(
                "kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "lake.root=" + lake,
                "datasets." + DATASET + ".topic=" + topic),
            Map.of());
    dataset = config.dataset(DATASET);
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
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers(),
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
