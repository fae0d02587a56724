package io.splitflow.tools.bench.latency;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.spark.SparkSessions;
import io.splitflow.tools.ScratchLake;
import io.splitflow.tools.bench.BenchEnvironment;
import io.splitflow.tools.bench.BrokerChild;
import io.splitflow.tools.generate.KafkaMessageWriter;
import io.splitflow.tools.maintain.Init;
import io.splitflow.tools.soak.PacedMessages;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * End-to-end latency: a broker in a child JVM, the three jobs each in a JVM of its own with
 * interval triggers (as the compose file and continuous deployments run them), a producer at a
 * steady rate, every record a new key. After the producer stops it waits until gold has every
 * record, reads each job's CPU from its process, stops the jobs, and measures from the lake (see
 * {@link GoldLatencies}) how long each record took from its Kafka timestamp to gold.
 */
public final class LatencyBench {
  private static final List<String> JOBS = List.of("ingest", "deserialize", "merge");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final String WARMUP = "warm";
  private static final String WARMUP_AT_RATE = "pace";
  private static final String MEASURED = "lat";

  private LatencyBench() {}

  public static LatencyResult run(LatencySettings settings, PrintWriter log) throws Exception {
    Instant started = Instant.now();
    double load = ModeReport.loadAverage();
    long start = System.nanoTime();
    ScratchLake.reset(settings.lake(), "bench");
    Path work = settings.lake().toAbsolutePath();
    try (BrokerChild broker =
        BrokerChild.start(
            List.of(LatencyConfig.DATASET), settings.partitions(), work.resolve("broker.log"))) {
      Path configFile = work.resolve("latency.yaml");
      Files.writeString(
          configFile,
          LatencyConfig.yaml(
              broker.bootstrapServers(), work.resolve("tables"), settings.shufflePartitions()),
          StandardCharsets.UTF_8);
      SplitflowConfig config = ConfigLoader.load(configFile, List.of(), System.getenv());
      DatasetConfig dataset = config.dataset(LatencyConfig.DATASET);
      boolean joined = SparkSession.getDefaultSession().isDefined();
      SparkSession spark = SparkSessions.getOrCreate("splitflow-bench-latency", config);
      try {
        // the tables first, as `splitflow init` makes them: the three jobs start side by side
        Init.run(spark, config, List.of(dataset));
        say(log, "bench: latency: starting ingest, deserialize and merge, each in its own JVM");
        List<JobChild> jobs = new ArrayList<>();
        Measured measured;
        try {
          for (String job : JOBS) {
            jobs.add(
                JobChild.start(
                    job,
                    List.of(
                        job,
                        "--config",
                        configFile.toString(),
                        "--dataset",
                        LatencyConfig.DATASET,
                        "--trigger",
                        "interval=" + settings.interval().toSeconds() + "s"),
                    work.resolve("logs"),
                    settings.jobHeap()));
          }
          for (JobChild job : jobs) {
            job.awaitStarted(1, START_TIMEOUT);
          }
          long warm = warmUp(settings, spark, dataset, broker, jobs, log);
          measured = measure(settings, spark, dataset, broker, jobs, warm, log);
        } finally {
          for (JobChild job : jobs) {
            job.close();
          }
        }
        // a batch's progress line comes after its commit: counted once the jobs have stopped
        List<LatencyResult.JobCpu> cpu = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
          LatencyResult.JobCpu before = measured.cpu.get(i);
          cpu.add(
              new LatencyResult.JobCpu(
                  before.job(),
                  before.cpuSeconds(),
                  before.totalCpuSeconds(),
                  jobs.get(i).batches() - before.batches()));
        }
        say(log, "bench: latency: jobs stopped; reading gold's change feed and bronze");
        GoldLatencies.Lake lake = GoldLatencies.read(spark, dataset, MEASURED + "-");
        Percentiles all = Percentiles.of(lake.latencySeconds());
        int quarter = lake.latencySeconds().length / 4;
        double[] first = Arrays.copyOfRange(lake.latencySeconds(), 0, quarter);
        double[] last =
            Arrays.copyOfRange(
                lake.latencySeconds(),
                lake.latencySeconds().length - quarter,
                lake.latencySeconds().length);
        return new LatencyResult(
            started,
            (System.nanoTime() - start) / 1e9,
            BenchEnvironment.machine(spark),
            BenchEnvironment.versions(spark),
            ModeReport.withLoad(settings.asMap(), load),
            measured.produced,
            measured.produceSeconds,
            all,
            Percentiles.of(first),
            Percentiles.of(last),
            measured.goldAtEnd,
            measured.ingestLag,
            measured.drainSeconds,
            settings.interval().toMillis() / 1000.0,
            lake.goldCommits(),
            cpu,
            measured.brokerCpu,
            LatencyChecks.of(measured.produced, lake, all));
      } finally {
        if (!joined) {
          spark.stop();
        }
      }
    }
  }

  private record Measured(
      long produced,
      double produceSeconds,
      long goldAtEnd,
      long ingestLag,
      double drainSeconds,
      List<LatencyResult.JobCpu> cpu,
      double brokerCpu) {}

  /**
   * A few records through the three jobs before the measured ones, so that every job's first
   * batches (a cold JVM, Delta's first snapshot, Spark's code generation) are behind it, then, when
   * asked, records at the measured rate for a while, so that the JIT has compiled the small-batch
   * paths too; the warm-up keys are left out of the latencies. Returns how many warm-up records
   * gold holds.
   */
  private static long warmUp(
      LatencySettings settings,
      SparkSession spark,
      DatasetConfig dataset,
      BrokerChild broker,
      List<JobChild> jobs,
      PrintWriter log)
      throws InterruptedException {
    say(
        log,
        "bench: latency: warming up: "
            + settings.warmupRecords()
            + " records through the three jobs, not measured");
    NewKeyReadings readings = new NewKeyReadings(WARMUP, LocalDate.now(ZoneOffset.UTC));
    KafkaMessageWriter.produce(
        broker.bootstrapServers(),
        dataset.topic(),
        Stream.generate(readings::next).limit(settings.warmupRecords()).iterator());
    long warm = settings.warmupRecords();
    if (!settings.warmup().isZero()) {
      say(
          log,
          String.format(
              Locale.ROOT,
              "bench: latency: warming up at the measured rate for %.0f s, not measured",
              settings.warmup().toMillis() / 1000.0));
      warm +=
          KafkaMessageWriter.produce(
              broker.bootstrapServers(),
              dataset.topic(),
              new PacedMessages(
                  new NewKeyReadings(WARMUP_AT_RATE, LocalDate.now(ZoneOffset.UTC)),
                  settings.rate(),
                  settings.warmup().toNanos()));
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (goldRows(spark, dataset) < warm) {
      jobs.forEach(JobChild::checkAlive);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the warm-up records did not reach gold within "
                + START_TIMEOUT
                + "; see the jobs' logs in "
                + jobs.get(0).log().getParent());
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    return warm;
  }

  private static Measured measure(
      LatencySettings settings,
      SparkSession spark,
      DatasetConfig dataset,
      BrokerChild broker,
      List<JobChild> jobs,
      long warm,
      PrintWriter log)
      throws Exception {
    Map<String, Double> cpu0 = new LinkedHashMap<>();
    Map<String, Long> batches0 = new LinkedHashMap<>();
    for (JobChild job : jobs) {
      cpu0.put(job.name(), job.cpuSeconds());
      batches0.put(job.name(), job.batches());
    }
    double broker0 = cpuSeconds(broker.handle());
    say(log, "bench: latency: jobs running; producing " + settings.describe());
    long produceStart = System.nanoTime();
    CompletableFuture<Long> producing =
        CompletableFuture.supplyAsync(
            () ->
                KafkaMessageWriter.produce(
                    broker.bootstrapServers(),
                    dataset.topic(),
                    new PacedMessages(
                        new NewKeyReadings(MEASURED, LocalDate.now(ZoneOffset.UTC)),
                        settings.rate(),
                        settings.duration().toNanos())));
    long produced;
    while (true) {
      try {
        produced = producing.get(15, TimeUnit.SECONDS);
        break;
      } catch (TimeoutException e) {
        jobs.forEach(JobChild::checkAlive);
        say(
            log,
            String.format(
                Locale.ROOT,
                "bench: latency: %3.0f s, batches so far: %s",
                (System.nanoTime() - produceStart) / 1e9,
                batches(jobs)));
      }
    }
    long produceEnd = System.nanoTime();
    long ingestLag = jobs.get(0).lastKafkaLag();
    long goldAtEnd = goldRows(spark, dataset) - warm;
    say(
        log,
        String.format(
            Locale.ROOT,
            "bench: latency: produced %,d records in %.1f s; gold had %,d of them; draining",
            produced,
            (produceEnd - produceStart) / 1e9,
            goldAtEnd));
    long deadline = produceEnd + settings.drainTimeout().toNanos();
    long inGold = goldAtEnd;
    while (inGold < produced && System.nanoTime() < deadline) {
      jobs.forEach(JobChild::checkAlive);
      TimeUnit.MILLISECONDS.sleep(500);
      inGold = goldRows(spark, dataset) - warm;
    }
    double drain = inGold >= produced ? (System.nanoTime() - produceEnd) / 1e9 : Double.NaN;
    List<LatencyResult.JobCpu> cpu = new ArrayList<>();
    for (JobChild job : jobs) {
      double now = job.cpuSeconds();
      // batches: those before the measurement, taken off once the jobs have stopped
      cpu.add(
          new LatencyResult.JobCpu(
              job.name(), now - cpu0.get(job.name()), now, batches0.get(job.name())));
    }
    double brokerCpu = cpuSeconds(broker.handle()) - broker0;
    return new Measured(
        produced, (produceEnd - produceStart) / 1e9, goldAtEnd, ingestLag, drain, cpu, brokerCpu);
  }

  private static long goldRows(SparkSession spark, DatasetConfig dataset) {
    return dataset.table(TableLayer.GOLD).read(spark).count();
  }

  private static String batches(List<JobChild> jobs) {
    List<String> parts = new ArrayList<>();
    jobs.forEach(j -> parts.add(j.name() + " " + j.batches()));
    return String.join(", ", parts);
  }

  private static double cpuSeconds(ProcessHandle process) {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  private static void say(PrintWriter log, String line) {
    log.println(line);
    log.flush();
  }
}
