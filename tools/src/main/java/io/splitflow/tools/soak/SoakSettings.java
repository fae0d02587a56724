package io.splitflow.tools.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One soak run: produce {@code rate} records a second for {@code duration} while the three jobs run
 * with {@code interval} triggers, then drain, stop and check.
 */
public record SoakSettings(
    Duration duration,
    double rate,
    Duration interval,
    int partitions,
    Path config,
    String dataset,
    Path lake,
    List<String> overrides) {

  public SoakSettings {
    overrides = List.copyOf(overrides);
  }
}
