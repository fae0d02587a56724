package io.splitflow.tools.bench.datasets;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.spark.SparkSessions;
import io.splitflow.tools.ScratchLake;
import io.splitflow.tools.bench.BenchEnvironment;
import io.splitflow.tools.bench.BrokerChild;
import io.splitflow.tools.bench.latency.Check;
import io.splitflow.tools.bench.latency.JobChild;
import io.splitflow.tools.bench.latency.ModeReport;
import io.splitflow.tools.bench.latency.NewKeyReadings;
import io.splitflow.tools.generate.KafkaMessageWriter;
import io.splitflow.tools.maintain.Init;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Many small datasets: N topics of a few records each on a broker in a child JVM, then ingest,
 * deserialize and merge one after the other, each as one application over every dataset ({@code
 * --all-datasets}, a query per dataset in its FAIR pool, available-now) in a JVM of its own, one
 * record per micro-batch; each job's wall and CPU, batches per dataset from the jobs' progress
 * lines, and every dataset's gold checked for its keys.
 */
public final class DatasetsBench {
  private static final List<String> JOBS = List.of("ingest", "deserialize", "merge");
  private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

  /** The exit code a job that had to be stopped at the timeout is reported with. */
  static final int TIMED_OUT = -1;

  private DatasetsBench() {}

  public static DatasetsResult run(DatasetsSettings settings, PrintWriter log) throws Exception {
    Instant started = Instant.now();
    double load = ModeReport.loadAverage();
    long start = System.nanoTime();
    ScratchLake.reset(settings.lake(), "bench");
    Path work = settings.lake().toAbsolutePath();
    List<String> names = DatasetsConfig.names(settings.datasets());
    List<DatasetsResult.JobRun> runs = new ArrayList<>();
    Path configFile = work.resolve("datasets.yaml");
    try (BrokerChild broker = BrokerChild.start(names, 1, work.resolve("broker.log"))) {
      for (String name : names) {
        NewKeyReadings readings = new NewKeyReadings(name, DAY);
        KafkaMessageWriter.produce(
            broker.bootstrapServers(),
            name,
            Stream.generate(readings::next).limit(settings.recordsPerDataset()).iterator());
      }
      say(
          log,
          String.format(
              Locale.ROOT,
              "bench: datasets: produced %d records to each of %d topics",
              settings.recordsPerDataset(),
              names.size()));
      Files.writeString(
          configFile,
          DatasetsConfig.yaml(broker.bootstrapServers(), work.resolve("tables"), names.size()),
          StandardCharsets.UTF_8);
      SplitflowConfig config = ConfigLoader.load(configFile, List.of(), System.getenv());
      boolean joined = SparkSession.getDefaultSession().isDefined();
      SparkSession spark = SparkSessions.getOrCreate("splitflow-bench-datasets", config);
      try {
        // every table first, as `splitflow init` makes them (not measured): the queries of one
        // application would otherwise race to create the job's event-log table
        Init.run(spark, config, names.stream().map(config::dataset).toList());
        for (String job : JOBS) {
          runs.add(runJob(job, configFile, work.resolve("logs"), settings, log));
          if (runs.get(runs.size() - 1).exitCode() != 0) {
            break; // the next job would only fail on a missing input
          }
        }
        List<Check> checks = checks(spark, config, names, runs, settings.recordsPerDataset());
        return new DatasetsResult(
            started,
            (System.nanoTime() - start) / 1e9,
            BenchEnvironment.machine(spark),
            BenchEnvironment.versions(spark),
            ModeReport.withLoad(settings.asMap(), load),
            names.size(),
            settings.recordsPerDataset(),
            settings.targetWall().toMillis() / 1000.0,
            runs,
            checks);
      } finally {
        if (!joined) {
          spark.stop();
        }
      }
    }
  }

  private static DatasetsResult.JobRun runJob(
      String job, Path configFile, Path logs, DatasetsSettings settings, PrintWriter log)
      throws InterruptedException {
    say(log, "bench: datasets: " + job + " over every dataset, one record per batch");
    long wall0 = System.nanoTime();
    try (JobChild child =
        JobChild.start(
            job,
            List.of(job, "--config", configFile.toString(), "--all-datasets"),
            logs,
            settings.jobHeap())) {
      OptionalInt finished = child.awaitExit(settings.jobTimeout());
      double wall = (System.nanoTime() - wall0) / 1e9;
      if (finished.isEmpty()) {
        // stopped (SIGTERM) it still writes its CPU at exit; its check fails
        say(log, "bench: datasets: " + job + " still ran after " + settings.jobTimeout());
        child.stop();
      }
      int exit = finished.orElse(TIMED_OUT);
      Map<String, Long> batches = child.batchesPerDataset();
      DatasetsResult.JobRun run =
          new DatasetsResult.JobRun(
              job, wall, child.cpuSeconds(), child.jitCpuSeconds(), exit, batches);
      say(
          log,
          String.format(
              Locale.ROOT,
              "bench: datasets: %s exited %d after %.1f s, %.1f CPU-s (JIT %.1f), %d batches",
              job,
              exit,
              wall,
              run.cpuSeconds(),
              run.jitCpuSeconds(),
              run.totalBatches()));
      if (exit != 0) {
        say(log, "bench: datasets: " + job + " failed; see " + child.log());
      }
      return run;
    }
  }

  static List<Check> checks(
      SparkSession spark,
      SplitflowConfig config,
      List<String> names,
      List<DatasetsResult.JobRun> runs,
      int records) {
    List<Check> checks = new ArrayList<>();
    for (DatasetsResult.JobRun run : runs) {
      checks.add(
          new Check(
              run.job() + " exited 0",
              run.exitCode() == 0,
              run.exitCode() == TIMED_OUT
                  ? "still ran at the timeout; stopped"
                  : "exit " + run.exitCode()));
    }
    List<String> wrong = new ArrayList<>();
    for (String name : names) {
      DatasetConfig dataset = config.dataset(name);
      if (!dataset.table(TableLayer.GOLD).exists(spark)) {
        wrong.add(name + " has no gold");
        continue;
      }
      Row counts =
          dataset
              .table(TableLayer.GOLD)
              .read(spark)
              .agg(count(lit(1)), countDistinct("sensor_id", "reading_date"))
              .first();
      if (counts.getLong(0) != records || counts.getLong(1) != records) {
        wrong.add(name + " has " + counts.getLong(0) + " rows of " + counts.getLong(1) + " keys");
      }
    }
    checks.add(
        new Check(
            "every dataset's gold has its " + records + " keys",
            wrong.isEmpty(),
            wrong.isEmpty()
                ? names.size() + " datasets x " + records + " keys"
                : String.join("; ", wrong)));
    return checks;
  }

  private static void say(PrintWriter log, String line) {
    log.println(line);
    log.flush();
  }
}
