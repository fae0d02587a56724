package io.splitflow.tools.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.tools.bench.BenchResult;
import io.splitflow.tools.bench.BenchRun;
import io.splitflow.tools.bench.Stages;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchMarkdownTest {

  private static List<String> lines(BenchResult result) {
    return BenchMarkdown.render(result, BenchSummary.of(result)).lines().toList();
  }

  @Test
  void theHeaderLineNamesDateMachineVersionsAndSettings() {
    assertThat(lines(BenchFixtures.result()))
        .startsWith(
            "# splitflow bench",
            "",
            "2026-11-27 14:26 UTC · 3 runs in 812 s · machine: cores 2, memory 8.00 GiB,"
                + " os Linux 6.1 amd64, java 17.0.15 · versions: spark 4.2.0, delta 4.4.0"
                + " · settings: records 1,000,000, runs 3");
  }

  @Test
  void theStagesTableShowsEachStagesMedianRunAndItsSpread() {
    assertThat(lines(BenchFixtures.result()))
        .containsSubsequence(
            "## Stages",
            "| stage | records | records/s (wall) | records per CPU-s | CPU-s per M records"
                + " | broker CPU-s per M | peak heap MiB | records per CPU-s, min–max |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            "| L1 KafkaConsumer | 1,000,000 | 800,000 | 400,000 | 2.50 | 1.25 | 320"
                + " | 250,000–500,000 |",
            "| L2 decode, 1 thread | 1,000,000 | 400,000 | 200,000 | 5.00 | — | 320"
                + " | 125,000–250,000 |",
            "| merge, one large batch | 1,000,000 | 80,000 | 40,000 | 25.0 | — | 320"
                + " | 25,000–50,000 |",
            "| split: the three in sequence | 1,000,000 | 64,000 | 32,000 | 31.3 | 15.6 | 320"
                + " | 20,000–40,000 |",
            "| monolith | 1,000,000 | 80,000 | 40,000 | 25.0 | 12.5 | 320 | 25,000–50,000 |");
  }

  @Test
  void withOneRunTheStagesTableHasNoSpreadColumn() {
    assertThat(lines(BenchFixtures.result(1, Set.of())))
        .contains(
            "| stage | records | records/s (wall) | records per CPU-s | CPU-s per M records"
                + " | broker CPU-s per M | peak heap MiB |",
            "| L1 KafkaConsumer | 1,000,000 | 1,000,000 | 500,000 | 2.00 | 1.00 | 256 |",
            "| ratio | value (median) | min–max over 1 run | target | met? |");
  }

  @Test
  void theRatiosTableSaysWhetherEachTargetIsMet() {
    assertThat(lines(BenchFixtures.result()))
        .containsSubsequence(
            "## Ratios",
            "| ratio | value (median) | min–max over 3 runs | target | met? |",
            "| --- | ---: | ---: | ---: | ---: |",
            "| ingest_vs_l1 | 0.52 | 0.48–0.55 | ≥ 0.5 | median only |",
            "| merge_vs_append | 0.3 | 0.25–0.35 | ≥ 0.5 | no |",
            "| split_vs_monolith | 1.25 | 1.25 | ≤ 1.5 | yes |",
            "| small_vs_large | 0.5 | 0.5 | — | — |",
            "",
            "- ingest_vs_l1: ingest / L1, records per CPU-s",
            "- merge_vs_append: merge / L3 append | bronze",
            "- split_vs_monolith: split / monolith, CPU-s");
  }

  @Test
  void theMergeCostTableComesFromTheMedianRun() {
    assertThat(lines(BenchFixtures.result()))
        .containsSubsequence(
            "## MERGE cost",
            "Run 2 (the median run): each MERGE beside a plain Delta append of the same batch.",
            "",
            "| gold rows | batch rows | updates share | deletion vectors | merge s | append s"
                + " | merge/append | partitions touched | files rewritten | rows copied"
                + " | rows copied per row changed |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            "| 1,000,000 | 100,000 | 20% | off | 15.0 | 3.00 | 5.00 | 8 | 16 | 400,000 | 4.00 |",
            "| 1,000,000 | 100,000 | 20% | on | 7.50 | 3.00 | 2.50 | 8 | 16 | 0 | 0 |");
  }

  @Test
  void theScalingAndTuningTablesListEveryRow() {
    assertThat(lines(BenchFixtures.result()))
        .containsSubsequence(
            "## Gold size scaling",
            "| 100,000 | 100,000 | 20% | off | 12.0 | 3.00 | 4.00 | 8 | 16 | 400,000 | 4.00 |",
            "| 1,000,000 | 100,000 | 20% | off | 12.0 | 3.00 | 4.00 | 8 | 16 | 400,000 | 4.00 |",
            "| 10,000,000 | 100,000 | 20% | on | 6.00 | 3.00 | 2.00 | 8 | 16 | 0 | 0 |",
            "## Tuning",
            "| stage | knob | setting | records per CPU-s | wall s |",
            "| --- | --- | --- | ---: | ---: |",
            "| merge | codec | zstd\\|lz4 | 41,000 | 12.5 |",
            "| deserialize | threads | 2 | 180,000 | 3.00 |");
  }

  @Test
  void missingStagesAndEmptyTablesAreLeftOut() {
    BenchRun run = BenchFixtures.run(1, Set.of(Stages.MONOLITH, Stages.L2_DECODE_2));
    BenchRun bare = new BenchRun(1, run.measurements(), run.ratios(), List.of(), List.of());
    BenchResult base = BenchFixtures.withRuns(List.of(bare));
    BenchResult result =
        new BenchResult(
            base.started(),
            base.totalSeconds(),
            base.machine(),
            base.versions(),
            base.settings(),
            base.runs(),
            List.of());

    List<String> lines = lines(result);

    assertThat(lines).noneMatch(l -> l.startsWith("| monolith |"));
    assertThat(lines).noneMatch(l -> l.startsWith("| L2 decode, 2 threads |"));
    assertThat(lines)
        .doesNotContain("## MERGE cost", "## Gold size scaling", "## Tuning")
        .contains("## Stages", "## Ratios");
  }

  @Test
  void pipesAndLineBreaksCannotBreakATable() {
    assertThat(MarkdownTable.escape("a|b\n c")).isEqualTo("a\\|b c");
  }

  @Test
  void figuresReadAsPeopleWriteThem() {
    assertThat(Figures.count(1_234_567)).isEqualTo("1,234,567");
    assertThat(Figures.decimal(0.0534)).isEqualTo("0.053");
    assertThat(Figures.decimal(1.5)).isEqualTo("1.50");
    assertThat(Figures.decimal(12.34)).isEqualTo("12.3");
    assertThat(Figures.decimal(4_321.6)).isEqualTo("4,322");
    assertThat(Figures.mib(512 * BenchFixtures.MIB)).isEqualTo("512");
    assertThat(Figures.mib(1.5 * BenchFixtures.MIB)).isEqualTo("1.5");
    assertThat(Figures.percent(0.005)).isEqualTo("0.5%");
  }
}
