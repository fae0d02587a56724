package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested, decimal and the other new field types in the configuration, and where they are refused.
 */
class FieldTypesConfigTest {
  private static final String HEAD =
      """
      kafka: { bootstrap-servers: "k:9092" }
      lake: { root: /lake }
      datasets:
        d:
          topic: t
      """;
  private static final String FIELDS =
      """
          fields:
            - { name: id, type: long, required: true }
            - { name: at, type: timestamp, required: true }
            - { name: items, type: "array<struct<sku: string, qty: int, price: decimal(10,2)>>" }
            - { name: attributes, type: "map<string, string>" }
      """;
  private static final String MERGE =
      """
          merge: { keys: id, sequence-by: at }
      """;
  private static final String REFUSED =
      " is not supported with %s; nested and decimal types are supported for format json only so"
          + " far";

  @TempDir Path dir;

  private DatasetConfig dataset(String body) {
    return ConfigLoader.parse(HEAD + body, List.of(), Map.of(), dir).dataset("d");
  }

  private void rejected(String body, String message) {
    assertThatThrownBy(() -> dataset(body)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void jsonFieldsTakeNestedAndDecimalTypes() {
    assertThat(dataset(FIELDS + MERGE).fields())
        .containsExactly(
            new FieldSpec("id", FieldType.LONG, true),
            new FieldSpec("at", FieldType.TIMESTAMP, true),
            new FieldSpec(
                "items",
                FieldType.parse("array<struct<sku: string, qty: int, price: decimal(10,2)>>"),
                false),
            new FieldSpec("attributes", FieldType.map(FieldType.STRING), false));
  }

  @Test
  void aBadTypeIsNamedByItsKeyAndPosition() {
    rejected(
        FIELDS.replace("price: decimal(10,2)", "price: decimal(10,2") + MERGE,
        "datasets.d.fields[2].type: 'array<struct<sku: string, qty: int, price: decimal(10,2>>' is"
            + " not a field type: expected ')' at position 56, found '>>'");
  }

  @Test
  void otherFormatsRefuseWhatTheyCannotDecodeYet() throws Exception {
    Files.writeString(dir.resolve("d.desc"), "");
    rejected(
        "    format: protobuf\n    protobuf: { descriptor-file: d.desc, message: M }\n"
            + FIELDS
            + MERGE,
        "datasets.d.fields[2].type: 'array<struct<sku: string, qty: int, price: decimal(10,2)>>'"
            + REFUSED.formatted("format protobuf"));
    rejected(
        "    envelope: debezium\n"
            + FIELDS.replace(
                "type: \"array<struct<sku: string, qty: int, price: decimal(10,2)>>\"",
                "type: \"decimal(5,1)\"")
            + MERGE,
        "datasets.d.fields[2].type: 'decimal(5,1)'" + REFUSED.formatted("envelope debezium"));
    rejected(
        "    envelope: debezium\n    schema: { ddl: \"id BIGINT NOT NULL, at TIMESTAMP NOT NULL,"
            + " tags ARRAY<STRING>\" }\n"
            + MERGE,
        "datasets.d.schema.ddl: 'array<string>' (field tags)"
            + REFUSED.formatted("envelope debezium"));
    rejected(
        "    format: protobuf\n    protobuf: { descriptor-file: d.desc, message: M }\n"
            + "    fields:\n      - { name: id, type: long, required: true }\n"
            + "      - { name: at, type: timestamp, required: true }\n"
            + "      - { name: n, type: short }\n"
            + MERGE,
        "datasets.d.fields[2].type: 'short' is not supported with format protobuf; short, byte,"
            + " binary and timestamp_ntz are supported for format json only so far");
  }

  @Test
  void keysSequencesAndPartitionsMustBeScalars() {
    rejected(
        FIELDS + "    merge: { keys: [id, attributes], sequence-by: at }\n",
        "datasets.d.merge.keys: 'attributes' is a merge key and cannot be of nested type"
            + " map<string, string>; use a field of a scalar type");
    rejected(
        FIELDS + "    merge: { keys: id, sequence-by: items }\n",
        "datasets.d.merge.sequence-by: 'items' is a sequence column and cannot be of nested type"
            + " array<struct<sku: string, qty: int, price: decimal(10,2)>>; use a field of a scalar"
            + " type");
    rejected(
        FIELDS + MERGE + "    tables: { bronze: { partition-by: [attributes] } }\n",
        "datasets.d.tables.bronze.partition-by: 'attributes' cannot be of nested type map<string,"
            + " string>; a table is partitioned or clustered by scalar columns");
  }

  @Test
  void historyIsTrackedOnWholeNestedColumnsNotOnPathsInsideThem() {
    String customer =
        "      - { name: customer, type: \"struct<name: string, address: struct<city: string>>\" }\n";
    assertThat(
            dataset(
                    FIELDS
                        + customer
                        + "    merge: { mode: scd2, keys: id, sequence-by: at,"
                        + " track-history-columns: [customer, items] }\n")
                .merge()
                .trackHistoryColumns())
        .containsExactly("customer", "items");
    rejected(
        FIELDS
            + customer
            + "    merge: { mode: scd2, keys: id, sequence-by: at,"
            + " track-history-columns: [customer.address.city] }\n",
        "datasets.d.merge.track-history-columns: 'customer.address.city' is a path inside field"
            + " 'customer'; a tracked column names a top-level field (name 'customer' to take in"
            + " every value inside it)");
    rejected(
        FIELDS
            + "    merge: { mode: scd2, keys: id, sequence-by: at,"
            + " track-history-columns: [nope] }\n",
        "datasets.d.merge.track-history-columns: 'nope' is not a declared field; declared: id, at,"
            + " items, attributes");
  }

  @Test
  void aDecimalCanBeAKey() {
    DatasetConfig d =
        dataset(
            FIELDS.replace("type: long, required: true", "type: \"decimal(18,0)\", required: true")
                + MERGE);
    assertThat(d.merge().keys()).containsExactly("id");
  }
}
