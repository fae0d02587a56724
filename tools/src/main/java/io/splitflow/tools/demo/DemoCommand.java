package io.splitflow.tools.demo;

import io.splitflow.tools.generate.GeneratorOptions;
import io.splitflow.tools.generate.GeneratorSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code splitflow demo}: the whole pipeline on this machine, checked. Exit 1 if a check fails. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Embedded Kafka, generated readings, ingest -> deserialize -> merge, checked.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--records",
      defaultValue = "100000",
      description = "Readings to produce (default ${DEFAULT-VALUE}).")
  long records;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description = "Topic partitions (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--lake",
      defaultValue = "demo-lake",
      description = "Where the tables go; wiped at each run (default ${DEFAULT-VALUE}).")
  Path lake;

  @Option(
      names = "--config",
      description = "The config with the sensor_readings dataset (default conf/local.yaml).")
  Path config;

  @Option(names = "--json", description = "Print the summary as one JSON object on the last line.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Mixin GeneratorOptions generator;

  @Override
  public Integer call() throws Exception {
    Path configFile =
        config != null
            ? config
            : Path.of(System.getProperty("splitflow.home", ".")).resolve("conf/local.yaml");
    GeneratorSettings settings;
    try {
      settings = generator.settings(records);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    DemoSummary summary = Demo.run(new DemoSettings(settings, partitions, configFile, lake));
    System.out.println(json ? DemoReport.json(summary) : DemoReport.text(summary));
    return summary.passed() ? 0 : 1;
  }
}
