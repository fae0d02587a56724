package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.spark.SparkSessions;
import io.splitflow.common.table.TableDefinition;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maintenance, metrics, kafka.commit-offsets-to-group and the per-table layout keys. */
class MaintenanceConfigTest {
  private static final String KAFKA = "kafka: { bootstrap-servers: \"k:9092\" }\n";
  private static final String LAKE = "lake: { root: /lake }\n";
  private static final String DATASET =
      """
      datasets:
        d:
          topic: t
          fields:
            - { name: id, type: string, required: true }
            - { name: at, type: timestamp, required: true }
          merge: { keys: id, sequence-by: at }
      """;

  @TempDir Path dir;

  private SplitflowConfig config(String head, String tables) {
    return ConfigLoader.parse(head + DATASET + tables, List.of(), Map.of(), dir);
  }

  private void rejected(String tables, String message) {
    assertThatThrownBy(() -> config(KAFKA + LAKE, tables))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void withoutTheKeysNothingIsTrimmedAndNothingIsExported() {
    SplitflowConfig config = config(KAFKA + LAKE, "");
    assertThat(config.maintenance())
        .isEqualTo(new MaintenanceSettings(Duration.ofHours(168), true, Optional.empty()));
    assertThat(config.metrics().prometheus()).isFalse();
    assertThat(config.kafka().commitOffsetsToGroup()).isEmpty();
    assertThat(SparkSessions.sessionConf(config)).doesNotContainKey("spark.ui.prometheus.enabled");
    TableDefinition raw = TableDefinitions.raw(config, config.dataset("d"));
    assertThat(raw.properties()).containsEntry(TableDefinitions.APPEND_ONLY, "true");
    assertThat(raw.partitionBy()).containsExactly("ingest_date");
    assertThat(raw.ref()).isEqualTo(TableRef.atPath("/lake/raw/d"));
  }

  @Test
  void maintenanceMetricsAndGroupAreRead() {
    SplitflowConfig config =
        config(
            """
            kafka: { bootstrap-servers: "k:9092", commit-offsets-to-group: splitflow-lag }
            lake: { root: /lake }
            maintenance: { vacuum-retention: 7d, optimize: false, raw-retention: 36h }
            metrics: { prometheus: true }
            spark: { spark.sql.streaming.metricsEnabled: "false" }
            """,
            "");
    assertThat(config.maintenance())
        .isEqualTo(
            new MaintenanceSettings(Duration.ofDays(7), false, Optional.of(Duration.ofHours(36))));
    assertThat(config.kafka().commitOffsetsToGroup()).contains("splitflow-lag");
    // a raw that maintain trims cannot be append-only
    assertThat(TableDefinitions.raw(config, config.dataset("d")).properties())
        .containsEntry(TableDefinitions.APPEND_ONLY, "false");
    assertThat(SparkSessions.sessionConf(config))
        .containsEntry("spark.ui.prometheus.enabled", "true")
        .containsEntry(
            "spark.metrics.conf.*.sink.prometheusServlet.class",
            "org.apache.spark.metrics.sink.PrometheusServlet")
        .containsEntry("spark.metrics.conf.*.sink.prometheusServlet.path", "/metrics/prometheus")
        // the spark section wins
        .containsEntry("spark.sql.streaming.metricsEnabled", "false");
  }

  @Test
  void aTableEntryWithOnlyLayoutKeysKeepsItsDefaultLocation() {
    SplitflowConfig config =
        config(
            KAFKA + LAKE,
            """
                tables:
                  raw: { cluster-by: [topic, ingest_date] }
                  bronze: { partition-by: [id], vacuum-retention: 720h, optimize: false }
                  gold: { cluster-by: [id] }
            """);
    DatasetConfig d = config.dataset("d");
    TableDefinition raw = TableDefinitions.raw(config, d);
    assertThat(raw.ref()).isEqualTo(TableRef.atPath("/lake/raw/d"));
    assertThat(raw.clusterBy()).containsExactly("topic", "ingest_date");
    assertThat(raw.partitionBy()).isEmpty();
    assertThat(TableDefinitions.bronze(d).partitionBy()).containsExactly("id");
    assertThat(d.tableSettings(TableLayer.BRONZE).vacuumRetention()).contains(Duration.ofDays(30));
    assertThat(d.tableSettings(TableLayer.BRONZE).optimize()).contains(false);
    assertThat(d.tableSettings(TableLayer.DEAD_LETTER)).isEqualTo(TableSettings.DEFAULT);
    assertThat(TableDefinitions.deadLetter(d).partitionBy()).containsExactly("failed_date");
  }

  @Test
  void layoutMistakesNameTheKey() {
    rejected(
        "    tables: { raw: { partition-by: [ingest_day] } }\n",
        "datasets.d.tables.raw.partition-by: 'ingest_day' is not a column of the raw table; its"
            + " columns: key, value, topic, partition, offset, timestamp, timestamp_type,"
            + " headers, ingested_at, ingest_date");
    rejected(
        "    tables: { raw: { partition-by: [topic], cluster-by: [topic] } }\n",
        "datasets.d.tables.raw: 'partition-by and cluster-by' sets both; a Delta table is either"
            + " partitioned or clustered");
    rejected(
        "    tables: { gold: { partition-by: [id] } }\n",
        "datasets.d.tables.gold.partition-by: '[...]' is not set here for gold; use"
            + " merge.partition-by");
    rejected(
        "    tables: { bronze: { vacuum-retention: weekly } }\n",
        "datasets.d.tables.bronze.vacuum-retention: 'weekly' is not a duration; use e.g. 250ms,"
            + " 30s, 5m or 1h");
  }
}
