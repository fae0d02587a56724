package io.splitflow.tools.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.tools.bench.Stages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

  @TempDir Path dir;

  @Test
  void writeCreatesTheDirectoryAndAllThreeFiles() throws Exception {
    Path out = dir.resolve("reports/bench-1");

    BenchReport.write(BenchFixtures.result(), out);

    assertThat(out.resolve("bench.json")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("bench.md"))).startsWith("# splitflow bench\n");
    BenchChartTest.assertPng(out.resolve("bench.png"));
  }

  @Test
  void theConsoleSummaryGivesStageRatesAndRatiosAgainstTheirTargets() {
    String summary = BenchReport.consoleSummary(BenchFixtures.result());

    assertThat(summary.lines()).first().isEqualTo("bench: 3 runs in 812 s");
    assertThat(summary.lines())
        .anyMatch(
            l ->
                l.startsWith("  " + Stages.L1_CONSUMER)
                    && l.endsWith("800,000 records/s       400,000 records per CPU-s"))
        .anyMatch(l -> l.startsWith("  ingest / L1") && l.endsWith("0.52  target >= 0.5  met"))
        .anyMatch(l -> l.startsWith("  merge / L3") && l.endsWith("0.3  target >= 0.5  MISSED"))
        .anyMatch(l -> l.startsWith("  small_vs_large") && l.endsWith(" 0.5"));
  }
}
