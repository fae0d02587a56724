package io.splitflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  private static BenchSettings parse(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  private static String refused(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    assertThat(code).isEqualTo(2);
    return err.toString();
  }

  @Test
  void defaultsAreTheIssuesWorkload() {
    BenchSettings settings = parse();
    assertThat(settings.records()).isEqualTo(2_000_000);
    assertThat(settings.keys()).isEqualTo(20_000);
    assertThat(settings.partitions()).isEqualTo(2);
    assertThat(settings.badShare()).isEqualTo(0.01);
    assertThat(settings.format()).isEqualTo(BenchSettings.BenchFormat.JSON);
    assertThat(settings.mergePointGold()).isEqualTo(1_000_000);
    assertThat(settings.mergePointBatch()).isEqualTo(100_000);
    assertThat(settings.scalingGold()).isEmpty();
    assertThat(settings.lake()).isEqualTo(Path.of("bench-results", "lake"));
  }

  @Test
  void scalingGridDefaultsToTheIssuesSizesAndTakesShorthands() {
    assertThat(parse("--scaling").scalingGold())
        .containsExactly(1_000_000L, 5_000_000L, 10_000_000L);
    assertThat(parse("--scaling").scalingBatches()).containsExactly(10_000L, 100_000L, 1_000_000L);
    BenchSettings custom = parse("--scaling-gold", "1.5M,20000", "--format", "AVRO");
    assertThat(custom.scalingGold()).containsExactly(1_500_000L, 20_000L);
    assertThat(custom.scalingBatches()).containsExactly(10_000L, 100_000L, 1_000_000L);
    assertThat(custom.format()).isEqualTo(BenchSettings.BenchFormat.AVRO);
  }

  @Test
  void badArgumentsNameTheOption() {
    assertThat(refused("--format", "xml")).contains("--format: 'xml' is not json or avro");
    assertThat(refused("--merge-mode", "scd3"))
        .contains("--merge-mode: 'scd3' is not scd1 or scd2");
    assertThat(refused("--merge-point", "1M"))
        .contains("--merge-point: '1M' is not <gold rows>:<batch rows>");
    assertThat(refused("--scaling-gold", "lots")).contains("--scaling-gold: 'lots' is not a size");
    assertThat(refused("--records", "0")).contains("must be positive");
  }

  @Test
  void benchConfigLoadsWithItsRules() {
    SplitflowConfig config =
        ConfigLoader.load(Path.of("..", "conf", "bench.yaml"), List.of(), Map.of());
    for (String dataset : List.of("sensor_readings", "sensor_readings_avro")) {
      assertThat(config.dataset(dataset).decode().rules())
          .extracting(r -> r.name())
          .containsExactly("value_in_range", "known_unit");
    }
  }

  @Test
  void batchCostDefaultsToTwentyThousandRecords() {
    assertThat(parse("--batch-cost").records()).isEqualTo(20_000);
    assertThat(parse("--batch-cost", "--records", "1500").records()).isEqualTo(1_500);
  }

  @Test
  void batchCostRefusesWhatItCannotMeasure() {
    assertThat(refused("--batch-cost", "--batch", "20000"))
        .contains("--batch: 20000 must be at least 1 and below --records (20000)");
    assertThat(refused("--batch-cost", "--format", "avro"))
        .contains("--batch-cost: measures JSON records only");
    assertThat(refused("--batch-cost", "--tuning")).contains("--batch-cost runs alone");
  }
}
