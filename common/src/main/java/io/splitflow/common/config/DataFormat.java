package io.splitflow.common.config;

import java.util.Locale;

/** How a dataset's Kafka values are encoded. */
public enum DataFormat {
  JSON;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
