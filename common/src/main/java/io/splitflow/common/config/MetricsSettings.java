package io.splitflow.common.config;

/** {@code prometheus}: the driver serves Spark's metrics, streaming queries included. */
public record MetricsSettings(boolean prometheus) {
  public static final MetricsSettings DEFAULT = new MetricsSettings(false);
}
