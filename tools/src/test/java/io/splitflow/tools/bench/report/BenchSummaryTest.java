package io.splitflow.tools.bench.report;

import static io.splitflow.tools.bench.report.BenchFixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.tools.bench.BenchResult;
import io.splitflow.tools.bench.BenchRun;
import io.splitflow.tools.bench.Ratio;
import io.splitflow.tools.bench.Stages;
import io.splitflow.tools.bench.report.BenchSummary.RatioSummary;
import io.splitflow.tools.bench.report.BenchSummary.Spread;
import io.splitflow.tools.bench.report.BenchSummary.StageSummary;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchSummaryTest {

  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    assertThat(Spread.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Spread(1, 2, 3));
    assertThat(Spread.of(List.of(7.0))).isEqualTo(new Spread(7, 7, 7));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Spread(1, 2.5, 4));
    assertThat(Spread.of(List.of(2.0, 1.0))).isEqualTo(new Spread(1, 1.5, 2));
  }

  @Test
  void aSpreadOfNothingIsRefused() {
    assertThatThrownBy(() -> Spread.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a spread needs at least one value");
  }

  @Test
  void eachStageHasMinMedianAndMaxOverThreeRuns() {
    BenchSummary summary = BenchSummary.of(BenchFixtures.result());

    StageSummary l1 = summary.stage(Stages.L1_CONSUMER).orElseThrow();
    assertThat(l1.runs()).isEqualTo(3);
    assertThat(l1.recordsPerCpuSecond()).isEqualTo(new Spread(250_000, 400_000, 500_000));
    assertThat(l1.recordsPerSecond()).isEqualTo(new Spread(500_000, 800_000, 1_000_000));
    assertThat(l1.cpuSecondsPerMillion()).isEqualTo(new Spread(2.0, 2.5, 4.0));
    assertThat(l1.brokerCpuSecondsPerMillion()).isEqualTo(new Spread(1.0, 1.25, 2.0));
    assertThat(l1.peakHeapBytes()).isEqualTo(new Spread(256 * MIB, 320 * MIB, 384 * MIB));
    assertThat(l1.typicalRun()).isEqualTo(2);
    assertThat(l1.typical().cpuSeconds()).isEqualTo(2.5);
    assertThat(summary.stage(Stages.L2_DECODE_1).orElseThrow().brokerCpuSecondsPerMillion())
        .isEqualTo(new Spread(0, 0, 0));
    assertThat(summary.medianRun().map(BenchRun::index)).contains(2);
  }

  @Test
  void stagesKeepTheOrderTheRunsReportThemIn() {
    BenchSummary summary = BenchSummary.of(BenchFixtures.result());

    assertThat(summary.stages().stream().map(StageSummary::name).toList())
        .startsWith(Stages.L1_CONSUMER, Stages.L2_DECODE_1)
        .endsWith(Stages.SPLIT, Stages.MONOLITH)
        .hasSize(11);
  }

  @Test
  void withTwoRunsTheSlowerOfTheMiddleTwoIsTypical() {
    BenchSummary summary = BenchSummary.of(BenchFixtures.result(2, Set.of()));

    StageSummary l1 = summary.stage(Stages.L1_CONSUMER).orElseThrow();
    assertThat(l1.recordsPerCpuSecond()).isEqualTo(new Spread(400_000, 450_000, 500_000));
    assertThat(l1.typicalRun()).isEqualTo(2);
    assertThat(summary.medianRun().map(BenchRun::index)).contains(2);
  }

  @Test
  void aStageMissingFromOneRunIsSummarisedOverTheOthers() {
    BenchResult result =
        BenchFixtures.withRuns(
            List.of(
                BenchFixtures.run(1, Set.of()),
                BenchFixtures.run(2, Set.of()),
                BenchFixtures.run(3, Set.of(Stages.MONOLITH))));
    BenchSummary summary = BenchSummary.of(result);

    StageSummary monolith = summary.stage(Stages.MONOLITH).orElseThrow();
    assertThat(monolith.runs()).isEqualTo(2);
    assertThat(monolith.recordsPerCpuSecond()).isEqualTo(new Spread(40_000, 45_000, 50_000));
    assertThat(summary.stage(Stages.SPLIT).orElseThrow().runs()).isEqualTo(3);
    assertThat(summary.medianRun().map(BenchRun::index)).contains(2);
  }

  @Test
  void aStageNoRunMeasuredIsAbsent() {
    BenchSummary summary = BenchSummary.of(BenchFixtures.result(3, Set.of(Stages.MONOLITH)));

    assertThat(summary.stage(Stages.MONOLITH)).isEmpty();
    assertThat(summary.stages()).hasSize(10);
  }

  @Test
  void ratiosSayWhetherTheMedianAndTheWorstRunMeetTheTarget() {
    BenchSummary summary = BenchSummary.of(BenchFixtures.result());

    RatioSummary ingest = summary.ratio("ingest_vs_l1").orElseThrow();
    assertThat(ingest.value()).isEqualTo(new Spread(0.48, 0.52, 0.55));
    assertThat(ingest.target()).contains(new Ratio.Target(true, 0.5));
    assertThat(ingest.metByMedian()).isTrue();
    assertThat(ingest.metByWorst()).isFalse();

    RatioSummary merge = summary.ratio("merge_vs_append").orElseThrow();
    assertThat(merge.metByMedian()).isFalse();
    assertThat(merge.metByWorst()).isFalse();

    RatioSummary untargeted = summary.ratio("small_vs_large").orElseThrow();
    assertThat(untargeted.metByMedian()).isTrue();
    assertThat(untargeted.metByWorst()).isTrue();
  }

  @Test
  void theWorstRunForAnAtMostTargetIsTheLargestValue() {
    RatioSummary r =
        new RatioSummary(
            "split_cpu",
            "",
            3,
            new Spread(1.2, 1.4, 1.6),
            Optional.of(new Ratio.Target(false, 1.5)));

    assertThat(r.metByMedian()).isTrue();
    assertThat(r.metByWorst()).isFalse();
  }

  @Test
  void aBenchWithoutRunsHasNothingToSummarise() {
    BenchSummary summary = BenchSummary.of(BenchFixtures.withRuns(List.of()));

    assertThat(summary.stages()).isEmpty();
    assertThat(summary.ratios()).isEmpty();
    assertThat(summary.medianRun()).isEmpty();
  }
}
