package io.splitflow.tools.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoakHeapCheckTest {
  private static final long MIB = 1L << 20;

  @Test
  void growthWithinHalfTheWarmHeapOrSixtyFourMibPasses() {
    assertThat(SoakChecks.heap(300 * MIB, 440 * MIB).passed()).isTrue();
    assertThat(SoakChecks.heap(40 * MIB, 100 * MIB).passed()).isTrue();
    assertThat(SoakChecks.heap(300 * MIB, 200 * MIB).passed()).isTrue();
  }

  @Test
  void growthPastBothIsALeakAndTheDetailSaysHowMuch() {
    SoakChecks.Check check = SoakChecks.heap(300 * MIB, 460 * MIB);

    assertThat(check.passed()).isFalse();
    assertThat(check.detail()).isEqualTo("300 MiB at minute 1, 460 MiB at the end (+160 MiB)");
    assertThat(SoakChecks.heap(40 * MIB, 110 * MIB).passed()).isFalse();
  }
}
