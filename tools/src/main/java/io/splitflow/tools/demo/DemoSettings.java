package io.splitflow.tools.demo;

import io.splitflow.tools.generate.GeneratorSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * What one demo run does: how many readings in which format, into which lake, from which config,
 * with which extra {@code --set} overrides (e.g. the merge mode).
 */
public record DemoSettings(
    GeneratorSettings generator,
    DemoFormat format,
    int partitions,
    Path config,
    Path lake,
    List<String> overrides) {

  public DemoSettings {
    overrides = List.copyOf(overrides);
  }

  /** The data and wire formats the demo can produce, each with its dataset and shipped config. */
  public enum DemoFormat {
    JSON("sensor_readings", "local.yaml"),
    AVRO_CONFLUENT("sensor_readings_avro", "local.yaml"),
    /** Nested orders (structs, arrays, maps, decimals) as JSON. */
    ORDERS_JSON("orders", "orders.yaml");

    private final String dataset;
    private final String configFile;

    DemoFormat(String dataset, String configFile) {
      this.dataset = dataset;
      this.configFile = configFile;
    }

    public String dataset() {
      return dataset;
    }

    /** The file of conf/ that holds {@link #dataset}. */
    public String configFile() {
      return configFile;
    }
  }
}
