package io.splitflow.tools.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.tools.bench.batchcost.BatchCostResult;
import io.splitflow.tools.bench.batchcost.BatchCostRun;
import io.splitflow.tools.bench.batchcost.JobCost;
import io.splitflow.tools.bench.batchcost.JobCosts;
import io.splitflow.tools.bench.batchcost.RunCost;
import io.splitflow.tools.bench.batchcost.TwoRuns;
import io.splitflow.tools.bench.report.BatchCostSummary.JobSummary;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCostReportTest {
  @TempDir Path dir;

  @Test
  void theSummaryGivesEachJobsMedianAndSpreadOverTheRuns() {
    BatchCostSummary summary = BatchCostSummary.of(BatchCostFixtures.result(3));

    assertThat(summary.jobs())
        .extracting(JobSummary::job)
        .containsExactly("ingest", "deserialize", "merge");
    JobSummary merge = summary.jobs().get(2);
    assertThat(merge.splitflowFixed().min()).isCloseTo(3.0, offset(1e-9));
    assertThat(merge.splitflowFixed().median()).isCloseTo(3.75, offset(1e-9));
    assertThat(merge.splitflowFixed().max()).isCloseTo(6.0, offset(1e-9));
    assertThat(merge.referenceFixed().median()).isCloseTo(1.0, offset(1e-9));
    assertThat(merge.fixedRatio().median()).isCloseTo(3.75, offset(1e-9));
    assertThat(merge.typicalRun()).isEqualTo(2);
    assertThat(merge.perRecordRatio().median()).isCloseTo(1.25, offset(1e-9));
    assertThat(merge.metByMedian()).isFalse();
    JobSummary ingest = summary.jobs().get(0);
    assertThat(ingest.metByMedian()).isFalse(); // 1.25 > 1.0
    assertThat(summary.jobs().get(1).metByWorst()).isTrue(); // 0.5, 0.625, 1.0 against <= 1
  }

  @Test
  void theMarkdownTableShowsMediansWithTheirRangeAndTheTargets() {
    String md =
        BatchCostMarkdown.render(
            BatchCostFixtures.result(3), BatchCostSummary.of(BatchCostFixtures.result(3)));

    assertThat(md.lines().toList())
        .startsWith(
            "# splitflow bench: batch cost",
            "",
            "2026-12-07 10:00 UTC · 3 runs in 180 s · machine: cores 2 · versions: spark 4.2.0"
                + " · settings: records 20,000, small_batch_records 1,000")
        .containsSubsequence(
            "## Fixed cost per batch",
            "| job | records | batches, splitflow (one / small) | batches, reference (one / small)"
                + " | fixed CPU-s per batch, splitflow | fixed CPU-s per batch, reference"
                + " | fixed ratio | target | met? | CPU-s per M records, splitflow"
                + " | CPU-s per M records, reference | per-record ratio |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            "| ingest | 20,000 | 1 / 20 | 1 / 20 | 1.25 (1.00–2.00) | 1.00 | 1.25 (1.00–2.00)"
                + " | ≤ 1 | no | 500 | 400 | 1.25 |",
            "| deserialize | 20,000 | 1 / 20 | 1 / 20 | 0.63 (0.5–1.00) | 1.00"
                + " | 0.63 (0.5–1.00) | ≤ 1 | yes | 500 | 400 | 1.25 |",
            "| merge | 20,000 | 1 / 20 | 1 / 20 | 3.75 (3.00–6.00) | 1.00 | 3.75 (3.00–6.00)"
                + " | ≤ 1.5 | no | 500 | 400 | 1.25 |");
    assertThat(md).contains("- merge reference: readStream of bronze");
    assertThat(md).as("no JIT CPU measured, no JIT table").doesNotContain("JIT");
  }

  @Test
  void measuredJitCpuGetsItsOwnTableWithTheRatioWithoutIt() {
    JobCost merge = JobCosts.mergeWithJit();
    BatchCostResult result =
        new BatchCostResult(
            Instant.EPOCH,
            1,
            Map.of(),
            Map.of(),
            Map.of(),
            List.of(new BatchCostRun(1, List.of(merge))));
    String md = BatchCostMarkdown.render(result, BatchCostSummary.of(result));
    assertThat(md.lines().toList())
        .containsSubsequence(
            "## Of which JIT compilation",
            "| job | JIT CPU-s per batch, splitflow | JIT CPU-s per batch, reference"
                + " | fixed CPU-s per batch without JIT, splitflow"
                + " | fixed CPU-s per batch without JIT, reference | fixed ratio without JIT |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            "| merge | 0.5 | 0.25 | 1.50 | 0.75 | 2.00 |");
  }

  @Test
  void oneRunShowsNoRangeAndAFixedCostWithinNoiseHasNoRatio() {
    String table = BatchCostMarkdown.table(BatchCostSummary.of(BatchCostFixtures.result(1)));
    assertThat(table)
        .contains("| ingest | 20,000 | 1 / 20 | 1 / 20 | 1.00 | 1.00 | 1.00 | ≤ 1 | yes |");

    JobSummary none =
        BatchCostSummary.of(
                new BatchCostResult(
                    Instant.EPOCH,
                    1,
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    List.of(
                        new BatchCostRun(
                            1,
                            List.of(new JobCost("ingest", twoRuns(10, 9), twoRuns(8, 27), 1.0))))))
            .jobs()
            .get(0);
    assertThat(none.fixedRatio().median()).isNaN();
    assertThat(none.metByWorst()).isFalse();
  }

  private static TwoRuns twoRuns(double one, double small) {
    return new TwoRuns(new RunCost(100, 1, one, one), new RunCost(100, 20, small, small));
  }

  @Test
  void theJsonHasABatchCostSectionWithEveryRunAndTheSummary() throws Exception {
    BatchCostReport.write(BatchCostFixtures.result(3), dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("bench.json").toFile());

    assertThat(json.path("settings").path("records").asLong()).isEqualTo(20_000);
    JsonNode batchCost = json.path("batch_cost");
    assertThat(batchCost.path("runs")).hasSize(3);
    JsonNode merge = batchCost.path("runs").get(0).path("jobs").get(2);
    assertThat(merge.path("job").asText()).isEqualTo("merge");
    assertThat(merge.path("splitflow").path("fixed_cpu_seconds_per_batch").asDouble())
        .isCloseTo(3.0, offset(1e-9));
    assertThat(merge.path("splitflow").path("cpu_seconds_per_million_records").asDouble())
        .isCloseTo(500, offset(1e-9));
    assertThat(merge.path("reference").path("small_batches").path("batches").asLong())
        .isEqualTo(20);
    assertThat(merge.path("fixed_cpu_ratio").asDouble()).isCloseTo(3.0, offset(1e-9));
    assertThat(merge.path("met").asBoolean()).isFalse();
    JsonNode summary = batchCost.path("summary").get(2);
    assertThat(summary.path("fixed_cpu_ratio").path("min").asDouble()).isCloseTo(3, offset(1e-9));
    assertThat(summary.path("fixed_cpu_ratio").path("median").asDouble())
        .isCloseTo(3.75, offset(1e-9));
    assertThat(summary.path("fixed_cpu_ratio").path("max").asDouble()).isCloseTo(6, offset(1e-9));
    assertThat(summary.path("target").asDouble()).isEqualTo(1.5);
  }

  @Test
  void theChartIsAPngWithSplitflowBesideItsReferencePerJob() throws Exception {
    List<BatchCostChart.Panel> panels =
        BatchCostChart.panels(BatchCostSummary.of(BatchCostFixtures.result(1)));
    assertThat(panels).hasSize(2);
    assertThat(panels.get(0).jobs())
        .containsExactly("ingest (1.00×)", "deserialize (0.5×)", "merge (3.00×)");
    assertThat(panels.get(0).splitflow()).containsExactly(1.0, 0.5, 3.0);
    assertThat(panels.get(0).reference()).containsExactly(1.0, 1.0, 1.0);
    assertThat(panels.get(1).splitflow()).containsExactly(500.0, 500.0, 500.0);

    BatchCostReport.write(BatchCostFixtures.result(1), dir);
    byte[] png = Files.readAllBytes(dir.resolve("bench.png"));
    assertThat(Arrays.copyOf(png, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    BufferedImage image = ImageIO.read(dir.resolve("bench.png").toFile());
    assertThat(image.getWidth()).isEqualTo(BenchChart.WIDTH);
    assertThat(Files.readString(dir.resolve("bench.md"))).contains("| merge | 20,000 |");
  }

  @Test
  void theConsoleSaysEachRatioAgainstItsTarget() {
    assertThat(BatchCostReport.consoleSummary(BatchCostFixtures.result(1)).lines().toList())
        .containsExactly(
            "bench: batch cost, 1 run in 180 s (fixed CPU-s per batch, splitflow / reference)",
            "  ingest           1.00 / 1.00      ratio   1.00  target ≤ 1.00  met",
            "  deserialize       0.5 / 1.00      ratio    0.5  target ≤ 1.00  met",
            "  merge            3.00 / 1.00      ratio   3.00  target ≤ 1.50  MISSED");
  }
}
