package io.splitflow.tools.soak;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DataFormat;
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
import io.splitflow.tools.audit.Audit;
import io.splitflow.tools.audit.AuditResult;
import io.splitflow.tools.generate.GeneratorSettings;
import io.splitflow.tools.generate.KafkaMessageWriter;
import io.splitflow.tools.generate.SensorGenerator;
import io.splitflow.tools.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The soak: an embedded broker, the generator producing at a steady rate, and the three jobs
 * running side by side in this JVM with interval triggers; then the generator stops, the jobs are
 * stopped between batches and drained with available-now, and the lake is checked record for record
 * (exact counts, gold against the generator, the audit).
 */
public final class Soak {
  private static final List<JobName> ORDER =
      List.of(JobName.INGEST, JobName.DESERIALIZE, JobName.MERGE);

  private Soak() {}

  public static SoakResult run(SoakSettings settings, PrintWriter log) throws Exception {
    ScratchLake.reset(settings.lake(), "soak");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      List<String> overrides = new ArrayList<>();
      overrides.add("kafka.bootstrap-servers=" + kafka.bootstrapServers());
      overrides.add("lake.root=" + settings.lake().toAbsolutePath());
      overrides.add(
          "lake.checkpoint-root=" + settings.lake().resolve("_checkpoints").toAbsolutePath());
      overrides.addAll(settings.overrides());
      SplitflowConfig config = ConfigLoader.load(settings.config(), overrides, System.getenv());
      DatasetConfig dataset = config.dataset(settings.dataset());
      if (dataset.format() != DataFormat.JSON) {
        throw new IllegalArgumentException(
            "--dataset: the soak's generator writes JSON readings; "
                + dataset.name()
                + " is not a JSON dataset");
      }
      kafka.createTopic(dataset.topic(), settings.partitions());

      boolean joined = SparkSession.getDefaultSession().isDefined();
      SparkSession spark = SparkSessions.getOrCreate("splitflow-soak", config.spark());
      SoakProgress progress = new SoakProgress();
      spark.streams().addListener(progress);
      try {
        long heapStart = heapAfterGc();
        Map<JobName, StreamingQuery> queries = new LinkedHashMap<>();
        for (JobName job : ORDER) {
          queries.put(
              job,
              job(job)
                  .start(
                      spark,
                      context(
                          config, dataset, job, new TriggerSpec.Interval(settings.interval()))));
        }
        long seconds = Math.max(1, settings.duration().toSeconds());
        SensorGenerator generator =
            new SensorGenerator(
                GeneratorSettings.defaults((long) Math.ceil(settings.rate() * seconds)));
        long produceStart = System.nanoTime();
        CompletableFuture<Long> producing =
            CompletableFuture.supplyAsync(
                () ->
                    KafkaMessageWriter.produce(
                        kafka.bootstrapServers(),
                        dataset.topic(),
                        new PacedMessages(
                            generator, settings.rate(), settings.duration().toNanos())));
        long produced;
        // the jobs' resident state (Delta snapshots, Spark's caches) builds up in the first
        // batches: growth is measured from a warm point, minute 1 (half of a shorter run)
        long warmAt =
            produceStart + Math.min(TimeUnit.MINUTES.toNanos(1), settings.duration().toNanos() / 2);
        long heapWarm = -1;
        while (true) {
          try {
            long wait = heapWarm < 0 ? Math.max(1, warmAt - System.nanoTime()) : Long.MAX_VALUE;
            produced =
                producing.get(Math.min(TimeUnit.SECONDS.toNanos(30), wait), TimeUnit.NANOSECONDS);
            break;
          } catch (TimeoutException e) {
            if (heapWarm < 0 && System.nanoTime() >= warmAt) {
              heapWarm = heapAfterGc();
              continue;
            }
            checkAlive(queries);
            log.printf(
                "soak: %3.0f s, batches so far: %s%n",
                (System.nanoTime() - produceStart) / 1e9, batches(progress, config, dataset));
            log.flush();
          }
        }
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        log.printf(
            "soak: produced %d records in %.0f s; stopping the jobs between batches%n",
            produced, produceSeconds);
        log.flush();
        for (StreamingQuery query : queries.values()) {
          stopBetweenBatches(query);
        }
        long drainStart = System.nanoTime();
        for (JobName job : ORDER) {
          JobRunner.run(
              spark, context(config, dataset, job, new TriggerSpec.AvailableNow()), job(job));
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        long heapEnd = heapAfterGc();
        if (heapWarm < 0) {
          heapWarm = heapEnd; // a run too short to warm up
        }
        Map<String, SoakProgress.Totals> totals = totals(progress, config, dataset);
        AuditResult audit = Audit.run(spark, config, dataset.name());
        List<SoakChecks.Check> checks =
            new java.util.ArrayList<>(
                SoakChecks.run(spark, dataset, produced, generator.expectation(), audit));
        checks.add(SoakChecks.heap(heapWarm, heapEnd));
        return new SoakResult(
            dataset.name(),
            settings,
            produced,
            produceSeconds,
            drainSeconds,
            totals,
            heapStart,
            heapWarm,
            heapEnd,
            audit,
            checks);
      } finally {
        spark.streams().removeListener(progress);
        for (StreamingQuery query : spark.streams().active()) {
          query.stop();
        }
        if (!joined) {
          spark.stop();
        }
      }
    }
  }

  private static Map<String, SoakProgress.Totals> totals(
      SoakProgress progress, SplitflowConfig config, DatasetConfig dataset) {
    Map<String, SoakProgress.Totals> totals = new LinkedHashMap<>();
    for (JobName job : ORDER) {
      String name = context(config, dataset, job, new TriggerSpec.AvailableNow()).queryName();
      totals.put(job.id(), progress.totals(name));
    }
    return totals;
  }

  private static String batches(
      SoakProgress progress, SplitflowConfig config, DatasetConfig dataset) {
    List<String> parts = new ArrayList<>();
    totals(progress, config, dataset)
        .forEach((job, t) -> parts.add(job + " " + t.batches() + " (" + t.rows() + " rows)"));
    return String.join(", ", parts);
  }

  private static void checkAlive(Map<JobName, StreamingQuery> queries) {
    queries.forEach(
        (job, query) -> {
          if (!query.isActive()) {
            throw new IllegalStateException(
                job.id()
                    + " stopped during the soak: "
                    + query.exception().map(Throwable::getMessage).getOrElse(() -> "no error"));
          }
        });
  }

  /** Waits (a minute at most) for the query to be between batches, then stops it. */
  private static void stopBetweenBatches(StreamingQuery query) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (query.status().isTriggerActive() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    query.stop();
  }

  private static JobContext context(
      SplitflowConfig config, DatasetConfig dataset, JobName job, TriggerSpec trigger) {
    return new JobContext(config, dataset, job, trigger);
  }

  private static StreamingJob job(JobName job) {
    return switch (job) {
      case INGEST -> new IngestJob();
      case DESERIALIZE -> new DeserializeJob();
      case MERGE -> new MergeJob();
    };
  }

  /** Heap in use after a full collection, in bytes. */
  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
