package io.splitflow.tools.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankGivesALatencySomeRecordHad() {
    // 1..100 in reverse: the order they arrive in must not matter
    double[] values = IntStream.rangeClosed(1, 100).map(i -> 101 - i).asDoubleStream().toArray();

    Percentiles p = Percentiles.of(values);

    assertThat(p.count()).isEqualTo(100);
    assertThat(p.p50()).isEqualTo(50.0);
    assertThat(p.p95()).isEqualTo(95.0);
    assertThat(p.p99()).isEqualTo(99.0);
    assertThat(p.max()).isEqualTo(100.0);
    assertThat(p.mean()).isEqualTo(50.5);
    assertThat(p.ordered()).isTrue();
    assertThat(values[0]).as("the caller's array is left as it was").isEqualTo(100.0);
  }

  @Test
  void aSmallSampleRoundsRanksUp() {
    Percentiles p = Percentiles.of(new double[] {3.0, 1.0, 2.0});

    assertThat(p.p50()).isEqualTo(2.0);
    assertThat(p.p95()).isEqualTo(3.0);
    assertThat(p.p99()).isEqualTo(3.0);
    assertThat(p.max()).isEqualTo(3.0);
  }

  @Test
  void oneValueIsEveryPercentile() {
    Percentiles p = Percentiles.of(new double[] {4.25});

    assertThat(p.p50()).isEqualTo(4.25);
    assertThat(p.max()).isEqualTo(4.25);
    assertThat(p.ordered()).isTrue();
  }

  @Test
  void anEmptySampleHasNoFiguresAndIsNotOrdered() {
    Percentiles p = Percentiles.of(new double[0]);

    assertThat(p).isEqualTo(Percentiles.EMPTY);
    assertThat(p.count()).isZero();
    assertThat(p.p50()).isNaN();
    assertThat(p.ordered()).isFalse();
  }
}
