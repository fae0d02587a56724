package io.splitflow.tools.bench.report;

import io.splitflow.tools.bench.BenchResult;
import io.splitflow.tools.bench.report.BenchSummary.RatioSummary;
import io.splitflow.tools.bench.report.BenchSummary.StageSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a bench's bench.json, bench.md and bench.png, and says the gist on the terminal. */
public final class BenchReport {
  public static final String JSON = "bench.json";
  public static final String MARKDOWN = "bench.md";
  public static final String CHART = "bench.png";

  private BenchReport() {}

  public static void write(BenchResult result, Path dir) throws IOException {
    Files.createDirectories(dir);
    BenchSummary summary = BenchSummary.of(result);
    BenchJson.write(result, summary, dir.resolve(JSON));
    BenchMarkdown.write(result, summary, dir.resolve(MARKDOWN));
    BenchChart.write(summary, dir.resolve(CHART));
  }

  /** Each stage's rates and each ratio against its target, from the median figures. */
  public static String consoleSummary(BenchResult result) {
    BenchSummary summary = BenchSummary.of(result);
    int width = summary.stages().stream().mapToInt(s -> s.name().length()).max().orElse(0);
    for (RatioSummary r : summary.ratios()) {
      width = Math.max(width, label(r).length());
    }
    StringBuilder out = new StringBuilder();
    out.append("bench: ")
        .append(summary.runs())
        .append(summary.runs() == 1 ? " run" : " runs")
        .append(" in ")
        .append(Figures.decimal(result.totalSeconds()))
        .append(" s\n");
    for (StageSummary s : summary.stages()) {
      out.append(
          String.format(
              "  %-" + width + "s  %12s records/s  %12s records per CPU-s%n",
              s.name(),
              Figures.rate(s.typical().recordsPerSecond()),
              Figures.rate(s.typical().recordsPerCpuSecond())));
    }
    for (RatioSummary r : summary.ratios()) {
      out.append(
          String.format(
              "  %-" + width + "s  %12s%s%n",
              label(r),
              Figures.decimal(r.value().median()),
              r.target()
                  .map(t -> "  target " + t + (r.metByMedian() ? "  met" : "  MISSED"))
                  .orElse("")));
    }
    return out.toString();
  }

  private static String label(RatioSummary r) {
    return r.description().isBlank() ? r.id() : r.description();
  }
}
