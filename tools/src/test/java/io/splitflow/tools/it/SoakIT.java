package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.cli.ErrorReporting;
import io.splitflow.tools.soak.SoakCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Soaks: the three jobs run continuously with interval triggers while the generator produces, then
 * drain, and every check passes, heap after GC at the end against minute 1 included. Two minutes
 * run in CI; the ten-minute one only with {@code -Dsplitflow.soak=true}.
 */
class SoakIT {
  @TempDir Path lake;

  @Test
  @Timeout(600)
  void jobsRunningSideBySideForTwoMinutesLoseAndDuplicateNothing() {
    soak(120, 50);
  }

  @Test
  @Timeout(1800)
  @EnabledIfSystemProperty(named = "splitflow.soak", matches = "true")
  void jobsRunningSideBySideForTenMinutesLoseAndDuplicateNothing() {
    soak(600, 200);
  }

  private void soak(int seconds, int rate) {
    StringWriter out = new StringWriter();
    CommandLine command = ErrorReporting.configure(new CommandLine(new SoakCommand()));
    command.setOut(new PrintWriter(out));

    int code =
        command.execute(
            "--seconds", Integer.toString(seconds),
            "--rate", Integer.toString(rate),
            "--interval", "5",
            "--partitions", "2",
            "--config", Path.of("..", "conf", "local.yaml").toString(),
            "--lake", lake.resolve("soak").toString());

    System.out.println(out);
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("[ok] raw = produced")
        .contains("[ok] raw = bronze + dead-letter")
        .contains("[ok] gold = latest reading per key")
        .contains("[ok] audit balanced")
        .contains("[ok] heap after GC at the end within half of minute 1's");
  }
}
