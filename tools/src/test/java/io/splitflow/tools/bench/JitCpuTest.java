package io.splitflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JitCpuTest {
  private static final String C2 =
      "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 4194368 0 0 0 0 1234 56 0 0 20 0 30 0 100";

  @Test
  void aCompilerThreadCountsItsUserAndSystemTicks() {
    assertThat(JitCpu.compilerTicks(C2)).isEqualTo(1290);
    assertThat(JitCpu.compilerTicks(C2.replace("C2 CompilerThre", "C1 CompilerThre")))
        .isEqualTo(1290);
  }

  @Test
  void otherThreadsCountNothingEvenWithSpacesOrParenthesesInTheirNames() {
    assertThat(JitCpu.compilerTicks(C2.replace("C2 CompilerThre", "Executor task (1)"))).isZero();
    assertThat(JitCpu.compilerTicks(C2.replace("C2 CompilerThre", "G1 Conc#0"))).isZero();
    assertThat(JitCpu.compilerTicks("garbage")).isZero();
  }

  @Test
  void thisJvmsCompilerThreadsAreFoundOnLinux() {
    if (System.getProperty("os.name").startsWith("Linux")) {
      // a test JVM has compiled something by the time it runs a test
      assertThat(JitCpu.nanos()).isPositive();
    } else {
      assertThat(JitCpu.nanos()).isEqualTo(-1);
    }
  }
}
