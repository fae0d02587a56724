package io.splitflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.tools.bench.datasets.DatasetsSettings;
import io.splitflow.tools.bench.latency.LatencySettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchModesTest {

  private static BenchCommand parse(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private static String refused(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).isEqualTo(2);
    return err.toString();
  }

  @Test
  void latencyDefaultsToAThousandRecordsASecondForTwoMinutesWithTwoSecondTriggers() {
    LatencySettings settings = BenchModes.latency(parse("--latency"), Path.of("lake"));

    assertThat(settings.rate()).isEqualTo(1000.0);
    assertThat(settings.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.partitions()).isEqualTo(2);
    assertThat(settings.warmupRecords()).isEqualTo(20);
  }

  @Test
  void datasetsWithoutANumberMeansTwelveOfTenRecords() {
    DatasetsSettings settings = BenchModes.datasets(parse("--datasets"), Path.of("lake"));

    assertThat(settings.datasets()).isEqualTo(12);
    assertThat(settings.recordsPerDataset()).isEqualTo(10);
    assertThat(settings.targetWall()).isEqualTo(Duration.ofMinutes(4));
    assertThat(BenchModes.datasets(parse("--datasets", "3"), Path.of("lake")).datasets())
        .isEqualTo(3);
  }

  @Test
  void badModeArgumentsExitTwoBeforeAnythingStarts() {
    assertThat(refused("--latency", "--datasets"))
        .contains("--latency and --datasets measure different things; give one");
    assertThat(refused("--latency", "--rate", "0"))
        .contains("--rate, --minutes and --interval must be positive");
    assertThat(refused("--datasets", "0"))
        .contains("--datasets and --records-per-dataset must be positive");
  }
}
