package io.splitflow.tools.demo;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.job.StreamingJob;
import io.splitflow.common.spark.SparkSessions;
import io.splitflow.common.trigger.TriggerSpec;
import io.splitflow.deserialize.DeserializeJob;
import io.splitflow.ingest.IngestJob;
import io.splitflow.merge.MergeJob;
import io.splitflow.tools.ScratchLake;
import io.splitflow.tools.generate.ConfluentAvroTranscoder;
import io.splitflow.tools.generate.KafkaMessageWriter;
import io.splitflow.tools.generate.Message;
import io.splitflow.tools.generate.SensorGenerator;
import io.splitflow.tools.generate.orders.OrderGenerator;
import io.splitflow.tools.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The local demo: an embedded broker, generated readings with bad and late records mixed in, the
 * three jobs run one after another with available-now, then the tables checked against what the
 * generator knows must be there.
 */
public final class Demo {
  private Demo() {}

  public static DemoSummary run(DemoSettings settings) throws Exception {
    ScratchLake.reset(settings.lake(), "demo");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      List<String> overrides = new ArrayList<>();
      overrides.add("kafka.bootstrap-servers=" + kafka.bootstrapServers());
      overrides.add("lake.root=" + settings.lake().toAbsolutePath());
      overrides.add(
          "lake.checkpoint-root=" + settings.lake().resolve("_checkpoints").toAbsolutePath());
      overrides.addAll(settings.overrides());
      SplitflowConfig config = ConfigLoader.load(settings.config(), overrides, System.getenv());
      DatasetConfig dataset = config.dataset(settings.format().dataset());
      kafka.createTopic(dataset.topic(), settings.partitions());

      GoldTruth truth;
      long produced;
      if (settings.format() == DemoSettings.DemoFormat.ORDERS_JSON) {
        OrderGenerator.Generated orders =
            OrderGenerator.generate(settings.generator().records(), settings.generator().seed());
        produced =
            KafkaMessageWriter.produce(
                kafka.bootstrapServers(), dataset.topic(), orders.messages().iterator());
        truth = GoldTruth.orders(orders);
      } else {
        SensorGenerator generator = new SensorGenerator(settings.generator());
        produced =
            KafkaMessageWriter.produce(
                kafka.bootstrapServers(), dataset.topic(), encoded(generator, settings));
        truth = GoldTruth.readings(generator.expectation());
      }

      SparkSession spark = SparkSessions.getOrCreate("splitflow-demo", config.spark());
      DemoTables tables = new DemoTables(spark, dataset, truth);
      List<DemoSummary.JobTiming> timings = new ArrayList<>();
      timings.add(time(spark, config, dataset, JobName.INGEST, new IngestJob(), produced));
      long raw = tables.rawCount();
      timings.add(time(spark, config, dataset, JobName.DESERIALIZE, new DeserializeJob(), raw));
      long bronze = tables.bronzeCount();
      timings.add(time(spark, config, dataset, JobName.MERGE, new MergeJob(), bronze));
      return tables.summarize(produced, timings, settings.lake().toAbsolutePath().toString());
    }
  }

  private static Iterator<Message> encoded(SensorGenerator generator, DemoSettings settings)
      throws IOException {
    if (settings.format() == DemoSettings.DemoFormat.JSON) {
      return generator;
    }
    Path registry = settings.config().toAbsolutePath().getParent().resolve("schemas/registry");
    return ConfluentAvroTranscoder.fromRegistry(generator, registry);
  }

  private static DemoSummary.JobTiming time(
      SparkSession spark,
      SplitflowConfig config,
      DatasetConfig dataset,
      JobName job,
      StreamingJob streamingJob,
      long records)
      throws Exception {
    JobContext context = new JobContext(config, dataset, job, new TriggerSpec.AvailableNow());
    long start = System.nanoTime();
    JobRunner.run(spark, context, streamingJob);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new DemoSummary.JobTiming(job.id(), records, seconds);
  }
}
