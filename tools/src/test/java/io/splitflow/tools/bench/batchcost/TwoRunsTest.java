package io.splitflow.tools.bench.batchcost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwoRunsTest {
  private static TwoRuns runs(double oneCpu, long smallBatches, double smallCpu) {
    return new TwoRuns(
        new RunCost(20_000, 1, oneCpu, oneCpu / 2),
        new RunCost(20_000, smallBatches, smallCpu, smallCpu / 2));
  }

  @Test
  void fixedCostIsTheExtraCpuOverTheExtraBatches() {
    // 20 batches for 29 CPU-s against one for 10: 19 CPU-s over 19 more batches
    assertThat(runs(10, 20, 29).fixedCpuSecondsPerBatch()).isCloseTo(1.0, offset(1e-12));
  }

  @Test
  void perRecordCostComesFromTheOneBatchRun() {
    assertThat(runs(10, 20, 29).cpuSecondsPerMillionRecords()).isCloseTo(500.0, offset(1e-9));
  }

  @Test
  void runsWithAsManyBatchesHaveNoFixedCost() {
    assertThat(runs(10, 1, 12).fixedCpuSecondsPerBatch()).isNaN();
  }

  @Test
  void theRatioHoldsSplitflowAgainstItsReferenceAndTheTarget() {
    JobCost merge = new JobCost("merge", runs(10, 20, 48), runs(8, 20, 27), 1.5);
    assertThat(merge.splitflow().fixedCpuSecondsPerBatch()).isCloseTo(2.0, offset(1e-12));
    assertThat(merge.reference().fixedCpuSecondsPerBatch()).isCloseTo(1.0, offset(1e-12));
    assertThat(merge.fixedRatio()).isCloseTo(2.0, offset(1e-12));
    assertThat(merge.perRecordRatio()).isCloseTo(1.25, offset(1e-12));
    assertThat(merge.met()).isFalse();
    assertThat(new JobCost("ingest", runs(10, 20, 29), runs(8, 20, 27), 1.0).met()).isTrue();
  }

  @Test
  void theJitShareOfTheFixedCostIsTakenOutOfBothSidesForTheRatioWithoutIt() {
    JobCost merge = JobCosts.mergeWithJit();
    assertThat(merge.splitflow().fixedJitSecondsPerBatch()).isCloseTo(0.5, offset(1e-12));
    assertThat(merge.splitflow().fixedCpuSecondsPerBatchWithoutJit()).isCloseTo(1.5, offset(1e-12));
    assertThat(merge.reference().fixedCpuSecondsPerBatchWithoutJit())
        .isCloseTo(0.75, offset(1e-12));
    assertThat(merge.fixedRatio()).isCloseTo(2.0, offset(1e-12));
    assertThat(merge.fixedRatioWithoutJit()).isCloseTo(2.0, offset(1e-12));
    // not measured: no figure rather than a made-up one
    assertThat(runs(10, 20, 29).fixedJitSecondsPerBatch()).isNaN();
    assertThat(new JobCost("merge", runs(10, 20, 48), runs(8, 20, 27), 1.5).fixedRatioWithoutJit())
        .isNaN();
  }

  @Test
  void aFixedCostAtOrBelowZeroGivesNoRatioAndMeetsNoTarget() {
    JobCost noisy = new JobCost("ingest", runs(10, 20, 9), runs(8, 20, 27), 1.0);
    assertThat(noisy.splitflow().fixedCpuSecondsPerBatch()).isNegative();
    assertThat(noisy.fixedRatio()).isNaN();
    assertThat(noisy.met()).isFalse();
    assertThat(new JobCost("ingest", runs(10, 20, 29), runs(8, 20, 8), 1.0).fixedRatio()).isNaN();
  }

  @Test
  void unequalInputsStopTheBenchSayingWhatDiffered() {
    Map<String, Long> counted = new LinkedHashMap<>();
    counted.put("splitflow read", 20_000L);
    counted.put("reference read", 19_000L);
    assertThatThrownBy(() -> InputCheck.same("deserialize, small batches", 20_000, counted))
        .isInstanceOf(InputCheck.Failed.class)
        .hasMessage(
            "deserialize, small batches: expected 20,000 records each, counted splitflow read"
                + " 20,000, reference read 19,000; the job and its reference must read the same"
                + " input");
    InputCheck.same("ingest", 20_000, Map.of("splitflow read", 20_000L));
  }

  @Test
  void aSmallRunWithNoMoreBatchesStopsTheBench() {
    assertThatThrownBy(() -> InputCheck.moreBatches("merge reference", runs(10, 1, 12)))
        .isInstanceOf(InputCheck.Failed.class)
        .hasMessage(
            "merge reference: the small-batch run made 1 batches and the one-batch run 1; the"
                + " two-run method needs more in the small run (lower --batch or raise --records)");
  }
}
