package io.splitflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldMismatchTest {
  private static BenchRun run(int index, boolean matches, long onlySplit, long onlyMonolith) {
    Measurement monolith =
        new Measurement(
            Stages.MONOLITH,
            1_000,
            10,
            10,
            0,
            0,
            Map.of(
                "gold_rows", 400L,
                "gold_rows_only_in_split", onlySplit,
                "gold_rows_only_in_monolith", onlyMonolith,
                "gold_matches_split", matches));
    return new BenchRun(index, List.of(monolith), List.of(), List.of(), List.of());
  }

  private static BenchResult result(BenchRun... runs) {
    return new BenchResult(
        Instant.EPOCH, 1, Map.of(), Map.of(), Map.of(), List.of(runs), List.of());
  }

  @Test
  void aRunWhoseMonolithGoldDiffersIsNamedWithTheRowsThatDiffer() {
    assertThat(result(run(1, true, 0, 0), run(2, false, 3, 1)).goldMismatches())
        .containsExactly("run 2: 3 gold rows only in the split's, 1 only in the monolith's");
  }

  @Test
  void equalGoldsOrNoMonolithAreNoMismatch() {
    assertThat(result(run(1, true, 0, 0)).goldMismatches()).isEmpty();
    assertThat(result(new BenchRun(1, List.of(), List.of(), List.of(), List.of())).goldMismatches())
        .isEmpty();
  }
}
