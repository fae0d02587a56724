package io.splitflow.tools.bench.report;

import io.splitflow.tools.bench.batchcost.BatchCostResult;
import io.splitflow.tools.bench.report.BatchCostSummary.JobSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code bench --batch-cost}'s bench.json, bench.md and bench.png, the same three files the
 * full bench writes, and says the gist on the terminal.
 */
public final class BatchCostReport {
  private BatchCostReport() {}

  public static void write(BatchCostResult result, Path dir) throws IOException {
    Files.createDirectories(dir);
    BatchCostSummary summary = BatchCostSummary.of(result);
    BatchCostJson.write(result, summary, dir.resolve(BenchReport.JSON));
    BatchCostMarkdown.write(result, summary, dir.resolve(BenchReport.MARKDOWN));
    BatchCostChart.write(summary, dir.resolve(BenchReport.CHART));
  }

  /** Each job's fixed CPU per batch beside its reference's, and the ratio against its target. */
  public static String consoleSummary(BatchCostResult result) {
    BatchCostSummary summary = BatchCostSummary.of(result);
    StringBuilder out =
        new StringBuilder("bench: batch cost, ")
            .append(summary.runs())
            .append(summary.runs() == 1 ? " run" : " runs")
            .append(" in ")
            .append(Figures.decimal(result.totalSeconds()))
            .append(" s (fixed CPU-s per batch, splitflow / reference)\n");
    for (JobSummary j : summary.jobs()) {
      out.append(
          String.format(
              "  %-12s %8s / %-8s  ratio %6s  target ≤ %s  %s%n",
              j.job(),
              Figures.decimal(j.splitflowFixed().median()),
              Figures.decimal(j.referenceFixed().median()),
              Figures.decimal(j.fixedRatio().median()),
              Figures.decimal(j.target()),
              Double.isNaN(j.fixedRatio().median()) ? "—" : j.metByMedian() ? "met" : "MISSED"));
    }
    return out.toString();
  }
}
