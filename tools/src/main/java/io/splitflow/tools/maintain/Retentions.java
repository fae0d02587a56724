package io.splitflow.tools.maintain;

import io.splitflow.common.config.ConfigErrors;
import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import java.time.Duration;
import java.util.List;

/**
 * The retentions {@code maintain} would act on, checked before it touches any table. A VACUUM
 * shorter than a day can remove files that a job restarting from its checkpoint, or a query reading
 * a recent version, still needs; a raw trim shorter than two days can delete days that ingest is
 * still writing. Below those floors maintain refuses, naming the key, unless the operator says
 * {@code --unsafe-retention}.
 */
final class Retentions {
  static final Duration MIN_VACUUM = Duration.ofHours(24);
  static final Duration MIN_RAW = Duration.ofDays(2);

  private Retentions() {}

  /**
   * {@code VACUUM ... RETAIN n HOURS} takes whole hours: a part of an hour rounds up, never down.
   */
  static long vacuumHours(Duration retention) {
    long hours = retention.toHours();
    return retention.compareTo(Duration.ofHours(hours)) > 0 ? hours + 1 : hours;
  }

  /** Throws for the first retention below its floor, unless {@code unsafe}. */
  static void check(SplitflowConfig config, List<DatasetConfig> datasets, boolean unsafe) {
    if (unsafe) {
      return;
    }
    vacuum("maintenance.vacuum-retention", config.maintenance().vacuumRetention());
    for (DatasetConfig dataset : datasets) {
      for (TableLayer layer : TableLayer.values()) {
        String path =
            "datasets." + dataset.name() + ".tables." + layer.configName() + ".vacuum-retention";
        dataset.tableSettings(layer).vacuumRetention().ifPresent(r -> vacuum(path, r));
      }
    }
    config
        .maintenance()
        .rawRetention()
        .filter(raw -> raw.compareTo(MIN_RAW) < 0)
        .ifPresent(
            raw -> {
              throw refused(
                  "maintenance.raw-retention",
                  raw,
                  "is below 2 days: the trim could delete ingest_date days that ingest is still"
                      + " writing and deserialize has not read");
            });
  }

  private static void vacuum(String path, Duration retention) {
    if (retention.compareTo(MIN_VACUUM) < 0) {
      throw refused(
          path,
          retention,
          "is below 24 hours: VACUUM would remove files that a job restarting from its checkpoint"
              + " or a query reading a recent version may still need (Delta's own guard is 7"
              + " days)");
    }
  }

  private static ConfigException refused(String path, Duration value, String why) {
    return ConfigErrors.invalid(
        path, show(value), why + "; give maintain --unsafe-retention to run it anyway");
  }

  /** A duration as the config writes it: 30m, 36h, 7d. */
  static String show(Duration d) {
    if (!d.isZero() && d.toSeconds() % 86_400 == 0) {
      return d.toDays() + "d";
    } else if (d.toSeconds() % 3_600 == 0) {
      return d.toHours() + "h";
    } else if (d.toSeconds() % 60 == 0) {
      return d.toMinutes() + "m";
    }
    return d.toSeconds() + "s";
  }
}
