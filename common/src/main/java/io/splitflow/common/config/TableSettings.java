package io.splitflow.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The layout and upkeep of one table ({@code datasets.<name>.tables.<layer>}): partition columns or
 * liquid clustering columns (empty: the layer's default), and overrides of {@code maintenance}.
 */
public record TableSettings(
    Optional<List<String>> partitionBy,
    Optional<List<String>> clusterBy,
    Optional<Duration> vacuumRetention,
    Optional<Boolean> optimize) {
  public static final TableSettings DEFAULT =
      new TableSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public TableSettings {
    partitionBy = partitionBy.map(List::copyOf);
    clusterBy = clusterBy.map(List::copyOf);
  }
}
