package io.splitflow.tools.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code splitflow demo}: the whole pipeline on this machine, checked. Exit 1 if a check fails. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Embedded Kafka, generated readings, ingest -> deserialize -> merge, checked.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--records", defaultValue = "100000", description = "Readings to produce (default ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--partitions", defaultValue = "2", description = "Topic partitions (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--lake", defaultValue = "demo-lake", description = "Where the tables go; wiped at each run (default ${DEFAULT-VALUE}).")
  Path lake;

  @Option(names = "--config", description = "The config with the sensor_readings dataset (default conf/local.yaml).")
  Path config;

  @Option(names = "--json", description = "Print the summary as one JSON object on the last line.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    Path configFile =
        config != null ? config : Path.of(System.getProperty("splitflow.home", ".")).resolve("conf/local.yaml");
    DemoSummary summary = Demo.run(new DemoSettings(records, partitions, configFile, lake));
    System.out.println(json ? DemoReport.json(summary) : DemoReport.text(summary));
    return summary.passed() ? 0 : 1;
  }
}
