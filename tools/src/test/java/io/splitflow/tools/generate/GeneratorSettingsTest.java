package io.splitflow.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {

  private static final GeneratorSettings BASE = GeneratorSettings.defaults(100);

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(BASE.records()).isEqualTo(100);
    assertThat(BASE.sensors()).isEqualTo(1_000);
    assertThat(BASE.days()).isEqualTo(3);
    assertThat(BASE.firstDay()).isEqualTo(LocalDate.of(2026, 11, 25));
    assertThat(BASE.seed()).isEqualTo(42);
    assertThat(BASE.validShare()).isCloseTo(0.93, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void eachShareMustBeBetweenZeroAndOneAndTheMessageNamesIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BASE.withShares(-0.1, 0, 0, 0, 0))
        .withMessage("malformedShare must be in [0, 1], got -0.1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BASE.withShares(0, 1.5, 0, 0, 0))
        .withMessageStartingWith("missingFieldShare ");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BASE.withShares(0, 0, Double.NaN, 0, 0))
        .withMessageStartingWith("wrongTypeShare ");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BASE.withShares(0, 0, 0, 2, 0))
        .withMessageStartingWith("duplicateShare ");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BASE.withShares(0, 0, 0, 0, -1))
        .withMessageStartingWith("lateShare ");
  }

  @Test
  void sharesMustNotAddUpToMoreThanOne() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BASE.withShares(0.3, 0.3, 0.3, 0.1, 0.1))
        .withMessageContaining(
            "malformedShare + missingFieldShare + wrongTypeShare + duplicateShare"
                + " + lateShare must be <= 1");
    // exactly 1 (with floating point noise) is fine: then nothing is VALID except the fallbacks
    assertThat(BASE.withShares(0.1, 0.2, 0.3, 0.2, 0.2).validShare())
        .isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void countsMustBeSensible() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BASE.withRecords(-1))
        .withMessage("records must be >= 0, got -1");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new GeneratorSettings(1, 0, 3, LocalDate.of(2026, 11, 25), 0, 0, 0, 0, 0, 1))
        .withMessage("sensors must be >= 1, got 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new GeneratorSettings(1, 1, 0, LocalDate.of(2026, 11, 25), 0, 0, 0, 0, 0, 1))
        .withMessage("days must be >= 1, got 0");
    assertThatNullPointerException()
        .isThrownBy(() -> new GeneratorSettings(1, 1, 1, null, 0, 0, 0, 0, 0, 1))
        .withMessage("firstDay must not be null");
  }

  @Test
  void zeroRecordsGeneratesNothing() {
    SensorGenerator generator = new SensorGenerator(BASE.withRecords(0));
    assertThat(generator.hasNext()).isFalse();
    assertThat(generator.expectation().total()).isZero();
    assertThat(generator.expectation().latestPerKey()).isEmpty();
  }
}
