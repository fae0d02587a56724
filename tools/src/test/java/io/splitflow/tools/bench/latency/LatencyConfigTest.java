package io.splitflow.tools.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.MergeMode;
import io.splitflow.common.config.SplitflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyConfigTest {
  @TempDir Path dir;

  @Test
  void theRunsConfigLoadsWithGoldsChangeFeedOnAndTheBenchsBrokerAndLake() throws Exception {
    Path file = dir.resolve("latency.yaml");
    Files.writeString(file, LatencyConfig.yaml("127.0.0.1:40001", dir.resolve("tables"), 2));

    SplitflowConfig config = ConfigLoader.load(file, List.of(), Map.of());

    assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:40001");
    assertThat(config.datasets()).containsOnlyKeys(LatencyConfig.DATASET);
    DatasetConfig dataset = config.dataset(LatencyConfig.DATASET);
    assertThat(dataset.topic()).isEqualTo(LatencyConfig.DATASET);
    assertThat(dataset.merge().mode()).isEqualTo(MergeMode.SCD1);
    assertThat(dataset.merge().changeDataFeed()).isTrue();
    assertThat(dataset.merge().keys()).containsExactly("sensor_id", "reading_date");
    assertThat(dataset.fields()).hasSize(5);
    assertThat(config.spark()).containsEntry("spark.sql.shuffle.partitions", "2");
  }

  @Test
  void everyReadingHasAKeyNoReadingBeforeItHad() {
    NewKeyReadings readings = new NewKeyReadings("lat", java.time.LocalDate.of(2026, 12, 7));

    String first = new String(readings.next().key(), java.nio.charset.StandardCharsets.UTF_8);
    String second = new String(readings.next().value(), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(first).isEqualTo("lat-000000000|2026-12-07");
    assertThat(second)
        .startsWith("{\"sensor_id\":\"lat-000000001\",\"reading_date\":\"2026-12-07\"");
  }
}
