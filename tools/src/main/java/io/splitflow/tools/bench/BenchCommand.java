package io.splitflow.tools.bench;

import io.splitflow.tools.bench.batchcost.BatchCostResult;
import io.splitflow.tools.bench.report.BatchCostReport;
import io.splitflow.tools.bench.report.BenchReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code splitflow bench}: each job against its ceiling, and the split against the monolith. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures, in one run on a broker of its own and local[*]: the ceilings (L1 a plain"
          + " KafkaConsumer, L2 a decode loop on 1 and 2 threads, L3 a Delta append of rows in"
          + " memory), ingest, deserialize and merge each alone and in sequence, merge in small"
          + " and large batches, the monolith, and a MERGE against the append of the same batch;"
          + " writes bench.json, bench.md and bench.png to --out.",
      "With --latency or --datasets it measures that instead: end-to-end latency with the three"
          + " jobs running side by side, or many small datasets one record per batch.",
      "Exit codes: 0 done, 1 the bench failed, 2 bad arguments."
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--records",
      description =
          "Records in the data set (default 2000000, or 20000 with --batch-cost; 200000 is a quick"
              + " run).")
  Long records;

  @Option(
      names = "--batch-cost",
      description =
          "Measure only each job's fixed CPU per micro-batch and CPU per record (two runs: the"
              + " backlog in one batch, then in batches of --batch records) beside a plain"
              + " reference query's; about 13 CPU-minutes at the default 20000 records.")
  boolean batchCost;

  @Option(
      names = "--batch",
      defaultValue = "1000",
      description =
          "With --batch-cost: records per batch of the small-batch runs (default"
              + " ${DEFAULT-VALUE}).")
  long batch;

  @Option(
      names = "--format",
      defaultValue = "json",
      description = "json or avro (Confluent-framed) (default ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--merge-mode",
      defaultValue = "scd1",
      description = "scd1 or scd2 (default ${DEFAULT-VALUE}).")
  String mergeMode;

  @Option(
      names = "--out",
      defaultValue = "bench-results",
      description = "Where bench.json, bench.md and bench.png go (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--lake",
      description = "Where the bench's tables go; wiped at each run (default <out>/lake).")
  Path lake;

  @Option(
      names = "--runs",
      defaultValue = "1",
      description =
          "Repetitions on the same data set; ratios get min-max (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description = "Topic partitions (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--keys",
      defaultValue = "20000",
      description = "Distinct keys (sensor x day), so that keys repeat (default ${DEFAULT-VALUE}).")
  int keys;

  @Option(
      names = "--max-offsets-per-trigger",
      defaultValue = "200000",
      description =
          "Ingest's and the monolith's micro-batch, as in conf/local.yaml (default"
              + " ${DEFAULT-VALUE}).")
  long maxOffsetsPerTrigger;

  @Option(
      names = "--scaling",
      description =
          "Also measure MERGE against gold of 1M, 5M and 10M rows with batches of 10k, 100k and"
              + " 1M (about 10 more minutes on 2 cores).")
  boolean scaling;

  @Option(
      names = "--scaling-gold",
      split = ",",
      description = "Gold sizes for the scaling grid, e.g. 1M,5M (implies --scaling).")
  List<String> scalingGold;

  @Option(
      names = "--scaling-batches",
      split = ",",
      description = "Batch sizes for the scaling grid, e.g. 10k,100k (implies --scaling).")
  List<String> scalingBatches;

  @Option(
      names = "--tuning",
      description =
          "Also run each job again with one knob changed (fetch sizes, micro-batch size, Parquet"
              + " codec, optimized writes, MERGE source materialisation, deletion vectors,"
              + " broadcast, shuffle partitions), in the first run (about 4 more minutes).")
  boolean tuning;

  @Option(
      names = "--merge-point",
      defaultValue = "1M:100k",
      description =
          "Gold rows and batch rows of the MERGE-vs-append ratio (default ${DEFAULT-VALUE}).")
  String mergePoint;

  @Option(
      names = "--warmup-records",
      defaultValue = "20000",
      description =
          "Records of the unmeasured warm-up pass (default ${DEFAULT-VALUE}; 0 for none).")
  long warmupRecords;

  @Option(names = "--config", description = "The config (default conf/bench.yaml).")
  Path config;

  @Option(
      names = "--latency",
      description =
          "Instead of the stages: end-to-end latency with the three jobs running side by side in"
              + " JVMs of their own (interval triggers) and a producer at --rate for --minutes.")
  boolean latency;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "--latency: records per second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--minutes",
      defaultValue = "2",
      description = "--latency: minutes to produce, fractions allowed (default ${DEFAULT-VALUE}).")
  double minutes;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "0",
      description =
          "--latency: seconds of records at --rate through the three jobs before the measured"
              + " ones, left out of the latencies, so that what is measured is the jobs running"
              + " warm (JIT-compiled), as a long-running deployment does (default ${DEFAULT-VALUE}:"
              + " only a short burst).")
  double warmupSeconds;

  @Option(
      names = "--interval",
      defaultValue = "2",
      description = "--latency: each job's trigger interval in seconds (default ${DEFAULT-VALUE}).")
  long interval;

  @Option(
      names = "--datasets",
      description =
          "Instead of the stages: N small datasets in one application per job, one record per"
              + " micro-batch, ingest then deserialize then merge (default N 12).",
      arity = "0..1",
      fallbackValue = "12")
  Integer datasets;

  @Option(
      names = "--records-per-dataset",
      defaultValue = "10",
      description = "--datasets: records (and so batches) per dataset (default ${DEFAULT-VALUE}).")
  int recordsPerDataset;

  @Override
  public Integer call() throws Exception {
    PrintWriter log = spec.commandLine().getOut();
    if (latency || datasets != null) {
      return BenchModes.run(this, log);
    }
    BenchSettings settings = settings();
    if (batchCost) {
      BatchCostResult result = BatchCostBench.run(settings, batch, log);
      BatchCostReport.write(result, out);
      return done(log, BatchCostReport.consoleSummary(result), result.totalSeconds());
    }
    BenchResult result = Bench.run(settings, log);
    BenchReport.write(result, out);
    int code = done(log, BenchReport.consoleSummary(result), result.totalSeconds());
    List<String> mismatches = result.goldMismatches();
    if (!mismatches.isEmpty()) {
      log.println(
          "bench: FAILED: the monolith's gold differs from the split's, so their figures compare"
              + " unequal work: "
              + String.join("; ", mismatches));
      log.flush();
      return 1;
    }
    return code;
  }

  /** The run's summary and where its files went; exit code 0. */
  private int done(PrintWriter log, String summary, double seconds) {
    log.println(summary);
    log.printf(
        Locale.ROOT,
        "bench: %.0f s; wrote %s, %s and %s%n",
        seconds,
        out.resolve(BenchReport.JSON),
        out.resolve(BenchReport.MARKDOWN),
        out.resolve(BenchReport.CHART));
    log.flush();
    return 0;
  }

  BenchSettings settings() {
    long records = this.records != null ? this.records : batchCost ? 20_000 : 2_000_000;
    if (batchCost) {
      if (batch < 1 || batch >= records) {
        throw bad(
            "--batch: " + batch + " must be at least 1 and below --records (" + records + ")");
      }
      if (!format.equalsIgnoreCase("json")) {
        throw bad("--batch-cost: measures JSON records only (its reference parses with from_json)");
      }
      if (tuning || scaling || scalingGold != null || scalingBatches != null) {
        throw bad("--batch-cost runs alone: drop --tuning and --scaling*");
      }
    }
    if (records < 1 || runs < 1 || partitions < 1 || keys < 2 || maxOffsetsPerTrigger < 1) {
      throw bad(
          "--records, --runs, --partitions, --max-offsets-per-trigger must be positive and --keys"
              + " at least 2");
    }
    BenchSettings.BenchFormat wire =
        switch (format.toLowerCase(Locale.ROOT)) {
          case "json" -> BenchSettings.BenchFormat.JSON;
          case "avro" -> BenchSettings.BenchFormat.AVRO;
          default -> throw bad("--format: '" + format + "' is not json or avro");
        };
    String mode = mergeMode.toLowerCase(Locale.ROOT);
    if (!mode.equals("scd1") && !mode.equals("scd2")) {
      throw bad("--merge-mode: '" + mergeMode + "' is not scd1 or scd2");
    }
    String[] point = mergePoint.split(":");
    if (point.length != 2) {
      throw bad(
          "--merge-point: '" + mergePoint + "' is not <gold rows>:<batch rows>, e.g. 1M:100k");
    }
    boolean grid = scaling || scalingGold != null || scalingBatches != null;
    List<Long> gold = grid ? sizes("--scaling-gold", scalingGold, "1M,5M,10M") : List.of();
    List<Long> batches =
        grid ? sizes("--scaling-batches", scalingBatches, "10k,100k,1M") : List.of();
    Path configFile =
        config != null
            ? config
            : Path.of(System.getProperty("splitflow.home", ".")).resolve("conf/bench.yaml");
    return new BenchSettings(
        records,
        wire,
        mode,
        partitions,
        keys / 2,
        2,
        0.01,
        maxOffsetsPerTrigger,
        10_000,
        100_000,
        warmupRecords,
        runs,
        size("--merge-point", point[0]),
        size("--merge-point", point[1]),
        0.1,
        gold,
        batches,
        tuning,
        configFile,
        out,
        lake != null ? lake : out.resolve("lake"));
  }

  private List<Long> sizes(String option, List<String> given, String fallback) {
    List<Long> sizes = new ArrayList<>();
    for (String s : given != null ? given : List.of(fallback.split(","))) {
      sizes.add(size(option, s));
    }
    return sizes;
  }

  /** 10000, 10k, 1M, 1.5M. */
  long size(String option, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    double factor = 1;
    if (t.endsWith("k")) {
      factor = 1_000;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      factor = 1_000_000;
      t = t.substring(0, t.length() - 1);
    }
    try {
      long value = Math.round(Double.parseDouble(t) * factor);
      if (value < 1) {
        throw bad(option + ": '" + text + "' must be at least 1");
      }
      return value;
    } catch (NumberFormatException e) {
      throw bad(option + ": '" + text + "' is not a size like 10000, 10k or 1M");
    }
  }

  ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
