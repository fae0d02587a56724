package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SizingConfigTest {
  private static final String YAML =
      """
      kafka: { bootstrap-servers: "localhost:9092" }
      lake: { root: /tmp/lake }
      datasets:
        d:
          topic: t
          fields: [{ name: id, type: string, required: true }]
          merge: { keys: id, sequence-by: id }
      """;

  private static Sizing sizing(String... overrides) {
    return ConfigLoader.parse(YAML, List.of(overrides), Map.of()).dataset("d").sizing();
  }

  @Test
  void noSizingLeavesSparkAndDeltaDefaults() {
    assertThat(sizing()).isEqualTo(Sizing.DEFAULT);
    assertThat(sizing().deltaSourceOptions()).isEmpty();
  }

  @Test
  void deltaLimitsBecomeTheDeltaSourcesOptionsWithSizesInBytes() {
    Sizing sizing =
        sizing(
            "datasets.d.sizing.max-bytes-per-trigger=512m",
            "datasets.d.sizing.max-files-per-trigger=200");

    assertThat(sizing.deltaSourceOptions())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("maxBytesPerTrigger", (512L << 20) + "b", "maxFilesPerTrigger", "200"));
    assertThat(sizing("datasets.d.sizing.max-bytes-per-trigger=1GiB").maxBytesPerTrigger())
        .hasValue(1L << 30);
    assertThat(sizing("datasets.d.sizing.max-bytes-per-trigger=4096").maxBytesPerTrigger())
        .hasValue(4096);
  }

  @Test
  void badSizesNameTheKey() {
    assertThatThrownBy(() -> sizing("datasets.d.sizing.max-bytes-per-trigger=lots"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "datasets.d.sizing.max-bytes-per-trigger: 'lots' is not a size; use bytes or a number"
                + " with k, m, g or t, e.g. 512m");
    assertThatThrownBy(() -> sizing("datasets.d.sizing.min-partitions=0"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("datasets.d.sizing.min-partitions: '0' is not a positive whole number");
    assertThatThrownBy(() -> sizing("datasets.d.sizing.max-offsets=5"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("datasets.d.sizing.max-offsets: unknown key");
  }
}
