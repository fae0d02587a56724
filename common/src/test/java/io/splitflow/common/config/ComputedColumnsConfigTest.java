package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputedColumnsConfigTest {
  private static final String DATASET =
      """
      kafka: { bootstrap-servers: "localhost:9092" }
      lake: { root: /tmp/lake }
      datasets:
        d:
          topic: t
          fields:
            - { name: id, type: string, required: true }
            - { name: updated_at, type: timestamp, required: true }
      %s
          merge: { keys: %s, sequence-by: updated_at }
      """;

  private static final String COLUMNS =
      """
          columns:
            - { name: order_date, type: date, expr: "to_date(updated_at)", required: true }
            - { name: trace_id, type: string, expr: "cast(_kafka.key as string)" }
      """;

  private static DatasetConfig load(String columns, String keys, String... overrides) {
    return ConfigLoader.parse(DATASET.formatted(columns, keys), List.of(overrides), Map.of())
        .dataset("d");
  }

  private static DatasetConfig load(String columns) {
    return load(columns, "id");
  }

  @Test
  void computedColumnsFollowTheDecodedFields() {
    DatasetConfig dataset = load(COLUMNS);

    assertThat(dataset.columns())
        .containsExactly(
            new ComputedColumn("order_date", FieldType.DATE, "to_date(updated_at)", true),
            new ComputedColumn("trace_id", FieldType.STRING, "cast(_kafka.key as string)", false));
    assertThat(dataset.decodedFields())
        .extracting(FieldSpec::name)
        .containsExactly("id", "updated_at");
    assertThat(dataset.fields())
        .containsExactly(
            new FieldSpec("id", FieldType.STRING, true),
            new FieldSpec("updated_at", FieldType.TIMESTAMP, true),
            new FieldSpec("order_date", FieldType.DATE, true),
            new FieldSpec("trace_id", FieldType.STRING, false));
  }

  @Test
  void aCopyBuiltFromTheAccessorsIsEqual() {
    DatasetConfig d = load(COLUMNS);
    DatasetConfig copy =
        new DatasetConfig(
            d.name(),
            d.topic(),
            d.format(),
            d.fields(),
            d.decode(),
            d.schemaEvolution(),
            d.merge(),
            d.trigger(),
            d.tables(),
            d.tableSettings(),
            d.freshnessSlo(),
            d.sizing(),
            d.schemaGrowth(),
            d.columns());

    assertThat(copy).isEqualTo(d);
    assertThat(copy.decodedFields()).isEqualTo(d.decodedFields());
  }

  @Test
  void withoutColumnsEveryFieldIsDecoded() {
    DatasetConfig dataset = load("");

    assertThat(dataset.columns()).isEmpty();
    assertThat(dataset.decodedFields()).isEqualTo(dataset.fields());
  }

  @Test
  void aComputedColumnServesAsMergeKeyAndPartitionColumn() {
    DatasetConfig dataset =
        load(COLUMNS, "[id, order_date]", "datasets.d.merge.partition-by=order_date");

    assertThat(dataset.merge().keys()).containsExactly("id", "order_date");
    assertThat(dataset.merge().partitionBy()).containsExactly("order_date");
  }

  @Test
  void aMergeKeyColumnMustBeRequired() {
    assertThatThrownBy(() -> load(COLUMNS, "[id, trace_id]"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "datasets.d.merge.keys: 'trace_id' is a merge key and must be declared with"
                + " required: true");
  }

  @Test
  void badColumnsNameTheirKey() {
    assertRejected(
        "    columns: [{ name: _trace, type: string, expr: \"1\" }]",
        "datasets.d.columns[0].name: '_trace' is not a column name; use letters, digits and _,"
            + " starting with a letter (names starting with _ are splitflow's)");
    assertRejected(
        "    columns: [{ name: updated_at, type: date, expr: \"1\" }]",
        "datasets.d.columns[0].name: 'updated_at' is a declared field; give the computed column"
            + " another name");
    assertRejected(
        "    columns: [{ name: a, type: int, expr: \"1\" }, { name: a, type: int, expr: \"2\" }]",
        "datasets.d.columns[1].name: 'a' is declared twice");
    assertRejected(
        "    columns: [{ name: a, type: int, expr: \" \" }]",
        "datasets.d.columns[0].expr: '' is empty; give a value");
    assertRejected(
        "    columns: [{ name: a, type: int }]",
        "datasets.d.columns[0].expr: is required but missing");
    assertRejected(
        "    columns: [{ name: a, expr: \"1\" }]",
        "datasets.d.columns[0].type: is required but missing");
    assertRejected(
        "    columns: [{ name: a, type: integer, expr: \"1\" }]",
        "datasets.d.columns[0].type: 'integer' is not a field type: ");
    assertRejected(
        "    columns: [{ name: a, type: int, expr: \"1\", nullable: true }]",
        "datasets.d.columns[0].nullable: unknown key; allowed here: expr, name, required, type");
  }

  @Test
  void theFirstSliceRefusesEvolutionDebeziumAndComputedTombstoneKeys() {
    assertThatThrownBy(() -> load(COLUMNS, "id", "datasets.d.schema-evolution=add-columns"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "datasets.d.columns: '[...]' cannot be combined with schema-evolution: add-columns"
                + " yet; declare the fields, or drop the computed columns");
    assertThatThrownBy(() -> load(COLUMNS, "id", "datasets.d.envelope=debezium"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "datasets.d.columns: '[...]' is not supported with envelope debezium yet; compute the"
                + " columns in gold or downstream");
    assertThatThrownBy(
            () ->
                load(
                    COLUMNS,
                    "[id, order_date]",
                    "datasets.d.tombstones.key-format=delimited",
                    "datasets.d.tombstones.separator=|"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "datasets.d.merge.keys: 'order_date' is a computed column, and a tombstone's Kafka key"
                + " gives decoded fields only; key on declared fields, or remove tombstones");
    assertThat(
            load(
                    COLUMNS,
                    "id",
                    "datasets.d.tombstones.key-format=delimited",
                    "datasets.d.tombstones.separator=|")
                .columns())
        .hasSize(2);
  }

  private static void assertRejected(String columns, String message) {
    assertThatThrownBy(() -> load(columns))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }
}
