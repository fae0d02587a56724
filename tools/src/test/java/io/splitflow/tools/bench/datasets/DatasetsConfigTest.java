package io.splitflow.tools.bench.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.OnDatasetFailure;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsConfigTest {
  @TempDir Path dir;

  @Test
  void namesSortAsAllDatasetsRunsThem() {
    assertThat(DatasetsConfig.names(3)).containsExactly("ds_01", "ds_02", "ds_03");
    assertThat(DatasetsConfig.names(12)).isSorted().hasSize(12).endsWith("ds_12");
    assertThat(DatasetsConfig.names(100)).isSorted().startsWith("ds_001").endsWith("ds_100");
  }

  @Test
  void eachDatasetHasItsTopicAndTablesAndReadsOneRecordPerBatch() throws Exception {
    Path file = dir.resolve("datasets.yaml");
    Files.writeString(file, DatasetsConfig.yaml("127.0.0.1:40001", dir.resolve("tables"), 3));

    SplitflowConfig config = ConfigLoader.load(file, List.of(), Map.of());

    assertThat(config.datasets()).containsOnlyKeys("ds_01", "ds_02", "ds_03");
    assertThat(config.onDatasetFailure()).isEqualTo(OnDatasetFailure.STOP_ALL);
    assertThat(config.spark()).containsEntry("spark.scheduler.mode", "FAIR");
    assertThat(config.kafka().maxOffsetsPerTrigger()).isEqualTo(OptionalLong.of(1));
    DatasetConfig one = config.dataset("ds_01");
    DatasetConfig two = config.dataset("ds_02");
    assertThat(one.topic()).isEqualTo("ds_01");
    assertThat(one.sizing().maxOffsetsPerTrigger()).isEqualTo(OptionalLong.of(1));
    assertThat(one.sizing().maxFilesPerTrigger()).isEqualTo(OptionalInt.of(1));
    assertThat(one.table(TableLayer.GOLD)).isNotEqualTo(two.table(TableLayer.GOLD));
    assertThat(one.table(TableLayer.RAW).path()).startsWith(dir.resolve("tables").toString());
  }
}
