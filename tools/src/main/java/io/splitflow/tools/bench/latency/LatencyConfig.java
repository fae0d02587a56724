package io.splitflow.tools.bench.latency;

import java.nio.file.Path;

/**
 * The latency run's config: one JSON readings dataset (every record a new key, so each one becomes
 * its own gold row), the broker and the lake the bench made, and gold's change data feed on, which
 * is how the bench learns in which commit each key appeared.
 */
public final class LatencyConfig {
  public static final String DATASET = "latency_readings";

  private LatencyConfig() {}

  public static String yaml(String bootstrapServers, Path lake, int shufflePartitions) {
    return """
        # written by `splitflow bench --latency` for one run
        kafka:
          bootstrap-servers: "%s"
          starting-offsets: earliest
          max-offsets-per-trigger: 1000000
          fail-on-data-loss: true

        lake:
          root: "%s"

        spark:
          spark.sql.shuffle.partitions: "%d"
          spark.databricks.delta.snapshotPartitions: "1"

        datasets:
          %s:
            topic: %s
            format: json
        %s
            merge:
              mode: scd1
              keys: [sensor_id, reading_date]
              sequence-by: [event_time]
              change-data-feed: true
        """
        .formatted(
            bootstrapServers,
            lake.toAbsolutePath(),
            shufflePartitions,
            DATASET,
            DATASET,
            readingFields("    "));
  }

  /** The sensor readings' five fields, as a {@code fields:} block indented by {@code indent}. */
  public static String readingFields(String indent) {
    return indent
        + "fields:\n"
        + indent
        + "  - { name: sensor_id,    type: string,    required: true }\n"
        + indent
        + "  - { name: reading_date, type: date,      required: true }\n"
        + indent
        + "  - { name: value,        type: double }\n"
        + indent
        + "  - { name: unit,         type: string }\n"
        + indent
        + "  - { name: event_time,   type: timestamp, required: true }";
  }
}
