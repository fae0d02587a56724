package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaGrowthConfigTest {
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

  private static SchemaGrowth growth(String... overrides) {
    return ConfigLoader.parse(YAML, List.of(overrides), Map.of()).dataset("d").schemaGrowth();
  }

  @Test
  void withoutSettingsTheDefaultsHold() {
    assertThat(growth()).isEqualTo(SchemaGrowth.DEFAULT);
    assertThat(growth("datasets.d.schema-evolution=add-columns")).isEqualTo(SchemaGrowth.DEFAULT);
    assertThat(SchemaGrowth.DEFAULT.maxNewColumnsPerBatch()).isEqualTo(50);
    assertThat(SchemaGrowth.DEFAULT.maxColumns()).isEqualTo(500);
  }

  @Test
  void everyLimitIsRead() {
    SchemaGrowth growth =
        growth(
            "datasets.d.schema-evolution=add-columns",
            "datasets.d.schema-growth.max-new-columns-per-batch=5",
            "datasets.d.schema-growth.max-columns=40",
            "datasets.d.schema-growth.max-name-length=30",
            "datasets.d.schema-growth.allow=[a-z_]+",
            "datasets.d.schema-growth.min-records=3");

    assertThat(growth.maxNewColumnsPerBatch()).isEqualTo(5);
    assertThat(growth.maxColumns()).isEqualTo(40);
    assertThat(growth.maxNameLength()).isEqualTo(30);
    assertThat(growth.allow().orElseThrow().pattern()).isEqualTo("[a-z_]+");
    assertThat(growth.minRecords()).isEqualTo(3);
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> growth("datasets.d.schema-growth.max-columns=10"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("datasets.d.schema-growth")
        .hasMessageContaining("only applies with schema-evolution: add-columns");
    assertThatThrownBy(
            () ->
                growth(
                    "datasets.d.schema-evolution=add-columns",
                    "datasets.d.schema-growth.allow=[a-z"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "datasets.d.schema-growth.allow: '[a-z' is not a regular expression");
    assertThatThrownBy(
            () ->
                growth(
                    "datasets.d.schema-evolution=add-columns",
                    "datasets.d.schema-growth.max-columns=0"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("datasets.d.schema-growth.max-columns: '0' is not a positive whole number");
    assertThatThrownBy(
            () ->
                growth(
                    "datasets.d.schema-evolution=add-columns",
                    "datasets.d.schema-growth.max-colums=10"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("datasets.d.schema-growth.max-colums: unknown key");
  }
}
