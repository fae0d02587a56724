package io.splitflow.common.config;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@code splitflow maintain} does to every table: compact ({@code OPTIMIZE}), remove files
 * older than {@code vacuumRetention} ({@code VACUUM}), and trim raw partitions older than {@code
 * rawRetention} that deserialize has fully read (never, when empty).
 */
public record MaintenanceSettings(
    Duration vacuumRetention, boolean optimize, Optional<Duration> rawRetention) {
  public static final Duration DEFAULT_VACUUM_RETENTION = Duration.ofHours(168);
  public static final boolean DEFAULT_OPTIMIZE = true;
  public static final MaintenanceSettings DEFAULT =
      new MaintenanceSettings(DEFAULT_VACUUM_RETENTION, DEFAULT_OPTIMIZE, Optional.empty());
}
