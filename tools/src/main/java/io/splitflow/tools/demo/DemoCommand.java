package io.splitflow.tools.demo;

import io.splitflow.tools.generate.GeneratorOptions;
import io.splitflow.tools.generate.GeneratorSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
      description =
          "The config with the demo's dataset (default conf/local.yaml, conf/orders.yaml for"
              + " --dataset orders).")
  Path config;

  @Option(names = "--json", description = "Print the summary as one JSON object on the last line.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Option(
      names = "--format",
      defaultValue = "json",
      description = "json (dataset sensor_readings) or avro-confluent (sensor_readings_avro).")
  String format;

  @Option(
      names = "--dataset",
      defaultValue = "sensor_readings",
      description =
          "sensor_readings (flat readings, in --format) or orders (nested orders in JSON: a"
              + " customer with an address, line items with decimal prices, tags, attributes).")
  String dataset;

  @Option(
      names = "--merge-mode",
      description = "scd1 or scd2; overrides the dataset's merge.mode for this run.")
  String mergeMode;

  @Mixin GeneratorOptions generator;

  @Override
  public Integer call() throws Exception {
    GeneratorSettings settings;
    try {
      settings = generator.settings(records);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    DemoSettings.DemoFormat demoFormat =
        switch (dataset + "/" + format) {
          case "sensor_readings/json" -> DemoSettings.DemoFormat.JSON;
          case "sensor_readings/avro-confluent" -> DemoSettings.DemoFormat.AVRO_CONFLUENT;
          case "orders/json" -> DemoSettings.DemoFormat.ORDERS_JSON;
          default ->
              throw new ParameterException(
                  spec.commandLine(),
                  dataset.equals("orders") || dataset.equals("sensor_readings")
                      ? "--format: '"
                          + format
                          + "' is not json or avro-confluent"
                          + (dataset.equals("orders") ? " (orders: json only)" : "")
                      : "--dataset: '" + dataset + "' is not sensor_readings or orders");
        };
    Path configFile =
        config != null
            ? config
            : Path.of(System.getProperty("splitflow.home", "."))
                .resolve("conf")
                .resolve(demoFormat.configFile());
    List<String> overrides = new ArrayList<>();
    if (mergeMode != null) {
      overrides.add("datasets." + demoFormat.dataset() + ".merge.mode=" + mergeMode);
    }
    DemoSummary summary =
        Demo.run(new DemoSettings(settings, demoFormat, partitions, configFile, lake, overrides));
    System.out.println(json ? DemoReport.json(summary) : DemoReport.text(summary));
    return summary.passed() ? 0 : 1;
  }
}
