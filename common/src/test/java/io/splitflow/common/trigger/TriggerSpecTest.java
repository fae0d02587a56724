package io.splitflow.common.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TriggerSpecTest {
  @Test
  void parsesTheNamedTriggers() {
    assertThat(TriggerSpec.parse("available-now", "--trigger"))
        .isEqualTo(new TriggerSpec.AvailableNow());
    assertThat(TriggerSpec.parse(" Once ", "--trigger")).isEqualTo(new TriggerSpec.Once());
    assertThat(TriggerSpec.parse("available-now", "--trigger").terminates()).isTrue();
  }

  @Test
  void parsesIntervalsInEveryUnit() {
    assertThat(TriggerSpec.parse("interval=500ms", "k"))
        .isEqualTo(new TriggerSpec.Interval(Duration.ofMillis(500)));
    assertThat(TriggerSpec.parse("interval=30s", "k"))
        .isEqualTo(new TriggerSpec.Interval(Duration.ofSeconds(30)));
    assertThat(TriggerSpec.parse("interval=15m", "k"))
        .isEqualTo(new TriggerSpec.Interval(Duration.ofMinutes(15)));
    assertThat(TriggerSpec.parse("interval=1h", "k"))
        .isEqualTo(new TriggerSpec.Interval(Duration.ofHours(1)));
    assertThat(TriggerSpec.parse("interval=1h", "k").terminates()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "every 5m",
        "interval=",
        "interval=5",
        "interval=0s",
        "interval=-1s",
        "continuous",
        ""
      })
  void rejectsAnythingElseNamingTheKey(String text) {
    assertThatThrownBy(() -> TriggerSpec.parse(text, "--trigger"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--trigger: '" + text + "' " + TriggerSpec.ALLOWED);
  }
}
