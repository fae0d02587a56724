package io.splitflow.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.job.JobName;
import io.splitflow.common.job.StreamingJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class JobCommandTest {
  private final AtomicBoolean started = new AtomicBoolean();

  @Command(name = "test-job")
  final class TestJob extends JobCommand {
    @Override
    protected JobName job() {
      return JobName.INGEST;
    }

    @Override
    protected StreamingJob streamingJob() {
      return (spark, context) -> {
        started.set(true);
        throw new IllegalStateException("should not start");
      };
    }
  }

  private int run(StringWriter err, String... args) {
    CommandLine cli = JobCommand.commandLine(new TestJob());
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void badConfigExitsTwoWithOneLineNamingTheKeyAndNeverStarts(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(
        config, "kafka:\n  bootstrap-servers: x:1\nlake:\n  root: /l\n  rooot: typo\n");
    StringWriter err = new StringWriter();

    int code = run(err, "--config", config.toString(), "--dataset", "d");

    assertThat(code).isEqualTo(ErrorReporting.BAD_CONFIG);
    assertThat(err.toString().lines().findFirst())
        .contains(
            "test-job: lake.rooot: unknown key; allowed here: catalog, checkpoint-root, dynamodb,"
                + " log-store, root");
    assertThat(started).isFalse();
  }

  @Test
  void badTriggerExitsTwo(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("ok.yaml");
    Files.writeString(config, ConfigFixtures.MINIMAL);
    StringWriter err = new StringWriter();

    int code = run(err, "--config", config.toString(), "--dataset", "d", "--trigger", "hourly");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("test-job: --trigger: 'hourly' is not a trigger");
    assertThat(started).isFalse();
  }

  @Test
  void missingOptionExitsTwo() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "--dataset", "d")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
  }

  static final class ConfigFixtures {
    static final String MINIMAL =
        """
        kafka: { bootstrap-servers: "localhost:9092" }
        lake: { root: /tmp/lake }
        datasets:
          d:
            topic: t
            fields: [{ name: id, type: string, required: true }]
            merge: { keys: id, sequence-by: id }
        """;
  }
}
