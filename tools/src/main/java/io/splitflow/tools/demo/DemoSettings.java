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

  /** The wire formats the demo can produce, each with its dataset in conf/local.yaml. */
  public enum DemoFormat {
    JSON("sensor_readings"),
    AVRO_CONFLUENT("sensor_readings_avro");

    private final String dataset;

    DemoFormat(String dataset) {
      this.dataset = dataset;
    }

    public String dataset() {
      return dataset;
    }
  }
}
