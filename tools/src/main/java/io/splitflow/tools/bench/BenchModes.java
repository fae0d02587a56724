package io.splitflow.tools.bench;

import io.splitflow.tools.bench.datasets.DatasetsBench;
import io.splitflow.tools.bench.datasets.DatasetsReport;
import io.splitflow.tools.bench.datasets.DatasetsResult;
import io.splitflow.tools.bench.datasets.DatasetsSettings;
import io.splitflow.tools.bench.latency.LatencyBench;
import io.splitflow.tools.bench.latency.LatencyReport;
import io.splitflow.tools.bench.latency.LatencyResult;
import io.splitflow.tools.bench.latency.LatencySettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The bench's modes that measure one thing instead of the stages: {@code --latency} and {@code
 * --datasets}. Each writes bench.json and bench.md to --out, and exits 1 when its checks fail.
 */
final class BenchModes {
  private static final String JOB_HEAP = "1g";

  private BenchModes() {}

  static int run(BenchCommand command, PrintWriter log) throws Exception {
    if (command.latency && command.datasets != null) {
      throw command.bad("--latency and --datasets measure different things; give one");
    }
    Path lake = command.lake != null ? command.lake : command.out.resolve("lake");
    if (command.latency) {
      LatencyResult result = LatencyBench.run(latency(command, lake), log);
      LatencyReport.write(result, command.out);
      log.print(LatencyReport.consoleSummary(result));
      return done(command, log, result.totalSeconds(), result.passed());
    }
    DatasetsResult result = DatasetsBench.run(datasets(command, lake), log);
    DatasetsReport.write(result, command.out);
    log.print(DatasetsReport.consoleSummary(result));
    return done(command, log, result.totalSeconds(), result.passed());
  }

  static LatencySettings latency(BenchCommand command, Path lake) {
    if (!(command.rate > 0) || !(command.minutes > 0) || command.interval < 1) {
      throw command.bad("--rate, --minutes and --interval must be positive");
    }
    if (command.partitions < 1) {
      throw command.bad("--partitions must be positive");
    }
    if (!(command.warmupSeconds >= 0)) {
      throw command.bad("--warmup-seconds must be 0 or more");
    }
    Duration interval = Duration.ofSeconds(command.interval);
    Duration drain = Duration.ofMinutes(2).plus(interval.multipliedBy(20));
    return new LatencySettings(
        command.rate,
        Duration.ofMillis(Math.round(command.minutes * 60_000)),
        interval,
        command.partitions,
        2,
        JOB_HEAP,
        20,
        Duration.ofMillis(Math.round(command.warmupSeconds * 1000)),
        drain,
        lake);
  }

  static DatasetsSettings datasets(BenchCommand command, Path lake) {
    if (command.datasets < 1 || command.recordsPerDataset < 1) {
      throw command.bad("--datasets and --records-per-dataset must be positive");
    }
    return new DatasetsSettings(
        command.datasets,
        command.recordsPerDataset,
        JOB_HEAP,
        Duration.ofMinutes(60),
        Duration.ofMinutes(4),
        lake);
  }

  private static int done(BenchCommand command, PrintWriter log, double seconds, boolean passed) {
    log.printf(
        java.util.Locale.ROOT,
        "bench: %.0f s; wrote %s and %s%s%n",
        seconds,
        command.out.resolve("bench.json"),
        command.out.resolve("bench.md"),
        passed ? "" : "; a check FAILED");
    log.flush();
    return passed ? 0 : 1;
  }
}
