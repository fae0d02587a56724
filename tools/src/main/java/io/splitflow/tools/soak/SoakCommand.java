package io.splitflow.tools.soak;

import io.splitflow.tools.audit.AuditReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code splitflow soak}: the three jobs running continuously for a while, then checked exactly.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description = {
      "Embedded Kafka, the generator at a steady rate and the three jobs with interval triggers in"
          + " one JVM for a while; then stop, drain, and check exact counts end to end and the"
          + " audit, and report heap after GC at the start and the end.",
      "Exit codes: 0 every check passed, 1 a check failed or a job stopped, 2 bad arguments."
    })
public final class SoakCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--minutes", description = "How long to produce, in minutes (fractions allowed).")
  Double minutes;

  @Option(
      names = "--seconds",
      description = "How long to produce, in seconds (instead of --minutes).")
  Long seconds;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "Records per second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--interval",
      defaultValue = "10",
      description = "Seconds between micro-batches of every job (default ${DEFAULT-VALUE}).")
  long interval;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "Topic partitions (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--config", description = "The config (default conf/local.yaml).")
  Path config;

  @Option(
      names = "--dataset",
      defaultValue = "sensor_readings",
      description = "A JSON sensor-readings dataset of the config (default ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--lake",
      defaultValue = "soak-lake",
      description =
          "Where the tables go; wiped at each run, only if a soak made it (default ${DEFAULT-VALUE}).")
  Path lake;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if ((minutes == null) == (seconds == null)) {
      throw new ParameterException(spec.commandLine(), "give one of --minutes and --seconds");
    }
    Duration duration =
        seconds != null
            ? Duration.ofSeconds(seconds)
            : Duration.ofMillis(Math.round(minutes * 60_000));
    if (duration.isNegative() || duration.isZero() || rate <= 0 || interval < 1 || partitions < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--minutes/--seconds, --rate, --interval and --partitions must be positive");
    }
    Path configFile =
        config != null
            ? config
            : Path.of(System.getProperty("splitflow.home", ".")).resolve("conf/local.yaml");
    PrintWriter out = spec.commandLine().getOut();
    SoakResult result =
        Soak.run(
            new SoakSettings(
                duration,
                rate,
                Duration.ofSeconds(interval),
                partitions,
                configFile,
                dataset,
                lake,
                List.of()),
            out);
    out.print(result.text());
    out.println();
    out.print(AuditReport.text(result.audit()));
    out.flush();
    return result.passed() ? 0 : 1;
  }
}
