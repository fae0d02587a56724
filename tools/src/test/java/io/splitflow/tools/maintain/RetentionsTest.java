package io.splitflow.tools.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.cli.ErrorReporting;
import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RetentionsTest {
  private static final Path CONFIG = Path.of("..", "conf", "local.yaml");

  private static SplitflowConfig config(String... overrides) {
    return ConfigLoader.load(CONFIG, List.of(overrides), Map.of());
  }

  @Test
  void partOfAnHourRoundsUpNeverDownToZero() {
    assertThat(Retentions.vacuumHours(Duration.ofMinutes(30))).isEqualTo(1);
    assertThat(Retentions.vacuumHours(Duration.ofMinutes(90))).isEqualTo(2);
    assertThat(Retentions.vacuumHours(Duration.ofHours(36))).isEqualTo(36);
    assertThat(Retentions.vacuumHours(Duration.ofDays(7))).isEqualTo(168);
    assertThat(Retentions.vacuumHours(Duration.ZERO)).isZero();
  }

  @Test
  void aVacuumRetentionBelowADayIsRefusedNamingTheKeyUnlessUnsafe() {
    SplitflowConfig short30m = config("maintenance.vacuum-retention=30m");
    assertThatThrownBy(
            () -> Retentions.check(short30m, List.copyOf(short30m.datasets().values()), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("maintenance.vacuum-retention: '30m' is below 24 hours")
        .hasMessageContaining("--unsafe-retention");
    assertThatCode(
            () -> Retentions.check(short30m, List.copyOf(short30m.datasets().values()), true))
        .doesNotThrowAnyException();

    SplitflowConfig table = config("datasets.sensor_readings.tables.gold.vacuum-retention=12h");
    assertThatThrownBy(() -> Retentions.check(table, List.copyOf(table.datasets().values()), false))
        .hasMessageStartingWith(
            "datasets.sensor_readings.tables.gold.vacuum-retention: '12h' is below 24 hours");

    SplitflowConfig day = config("maintenance.vacuum-retention=24h");
    assertThatCode(() -> Retentions.check(day, List.copyOf(day.datasets().values()), false))
        .doesNotThrowAnyException();
  }

  @Test
  void aRawRetentionBelowTwoDaysIsRefused() {
    SplitflowConfig raw = config("maintenance.raw-retention=36h");
    assertThatThrownBy(() -> Retentions.check(raw, List.copyOf(raw.datasets().values()), false))
        .hasMessageStartingWith("maintenance.raw-retention: '36h' is below 2 days");
    SplitflowConfig twoDays = config("maintenance.raw-retention=2d");
    assertThatCode(() -> Retentions.check(twoDays, List.copyOf(twoDays.datasets().values()), false))
        .doesNotThrowAnyException();
  }

  @Test
  void maintainExitsTwoBeforeAnySessionStarts() {
    StringWriter err = new StringWriter();
    CommandLine cli = ErrorReporting.configure(new CommandLine(new MaintainCommand()));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute("--config", CONFIG.toString(), "--set", "maintenance.vacuum-retention=30m");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("maintenance.vacuum-retention: '30m' is below 24 hours");
  }
}
