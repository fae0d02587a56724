package io.splitflow.tools.bench.datasets;

import io.splitflow.tools.bench.latency.LatencyConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The config of a --datasets run: {@code n} small JSON datasets, each its own topic and tables,
 * merged scd1, in one application per job (FAIR pools, stop-all); ingest takes one Kafka record per
 * micro-batch and deserialize and merge one Delta file, so each record is a batch of its own in
 * every job.
 */
public final class DatasetsConfig {
  private DatasetsConfig() {}

  /** ds_01, ds_02, ...: sorted by name, as --all-datasets runs them. */
  public static List<String> names(int n) {
    List<String> names = new ArrayList<>();
    String format = n < 100 ? "ds_%02d" : "ds_%03d";
    for (int i = 1; i <= n; i++) {
      names.add(String.format(Locale.ROOT, format, i));
    }
    return names;
  }

  public static String yaml(String bootstrapServers, Path lake, int n) {
    StringBuilder yaml =
        new StringBuilder(
            """
            # written by `splitflow bench --datasets` for one run
            kafka:
              bootstrap-servers: "%s"
              starting-offsets: earliest
              max-offsets-per-trigger: 1
              fail-on-data-loss: true

            lake:
              root: "%s"

            on-dataset-failure: stop-all

            spark:
              spark.sql.shuffle.partitions: "2"
              spark.databricks.delta.snapshotPartitions: "1"
              spark.scheduler.mode: FAIR

            datasets:
            """
                .formatted(bootstrapServers, lake.toAbsolutePath()));
    for (String name : names(n)) {
      yaml.append("  ").append(name).append(":\n");
      yaml.append("    topic: ").append(name).append('\n');
      yaml.append("    format: json\n");
      yaml.append(LatencyConfig.readingFields("    ")).append('\n');
      yaml.append("    sizing: { max-offsets-per-trigger: 1, max-files-per-trigger: 1 }\n");
      yaml.append("    merge:\n");
      yaml.append("      mode: scd1\n");
      yaml.append("      keys: [sensor_id, reading_date]\n");
      yaml.append("      sequence-by: [event_time]\n");
    }
    return yaml.toString();
  }
}
