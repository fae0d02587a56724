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
  void protobufFieldsTakeNestedAndDecimalTypesButNotThoseProtobufLacks() throws Exception {
    Files.writeString(dir.resolve("d.desc"), "");
    for (String format : List.of("protobuf", "protobuf-confluent")) {
      String protobuf =
          "    format: " + format + "\n    protobuf: { descriptor-file: d.desc, message: M }\n";
      assertThat(dataset(protobuf + FIELDS + MERGE).fields()).hasSize(4);
      rejected(
          protobuf
              + FIELDS.replace("qty: int", "qty: short").replace("string>\"", "timestamp_ntz>\"")
              + MERGE,
          "datasets.d.fields[2].type: 'array<struct<sku: string, qty: short, price:"
              + " decimal(10,2)>>' is not supported with format "
              + format
              + "; protobuf has no short, byte or timestamp_ntz type; use int or timestamp");
    }
  }

  @Test
  void avroFormatsTakeTheNestedTypesOfTheirSchemaFile() throws Exception {
    Files.writeString(
        dir.resolve("order.avsc"),
        """
        {"type": "record", "name": "Order", "fields": [
          {"name": "id", "type": "long"},
          {"name": "at", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
          {"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item",
            "fields": [{"name": "price", "type": {"type": "bytes", "logicalType": "decimal",
                                                  "precision": 10, "scale": 2}}]}}},
          {"name": "payload", "type": ["null", "string", "long"], "default": null}
        ]}
        """);
    for (String format : List.of("avro", "avro-confluent\n    registry: { schemas-dir: . }")) {
      assertThat(
              dataset("    format: " + format + "\n    schema: { avro-file: order.avsc }\n" + MERGE)
                  .fields())
          .containsExactly(
              new FieldSpec("id", FieldType.LONG, true),
              new FieldSpec("at", FieldType.TIMESTAMP_NTZ, true),
              new FieldSpec("items", FieldType.parse("array<struct<price: decimal(10,2)>>"), true),
              new FieldSpec(
                  "payload", FieldType.parse("struct<member0: string, member1: long>"), false));
    }
  }

  @Test
  void jsonConfluentFieldsTakeEveryType() {
    assertThat(dataset("    format: json-confluent\n" + FIELDS + MERGE).fields()).hasSize(4);
  }

  @Test
  void otherFormatsRefuseWhatTheyCannotDecodeYet() throws Exception {
    Files.writeString(dir.resolve("d.desc"), "");
    String decimalField =
        FIELDS
            .replace(
                "type: \"array<struct<sku: string, qty: int, price: decimal(10,2)>>\"",
                "type: \"decimal(5,1)\"")
            .replace("type: \"map<string, string>\"", "type: string");
    // Debezium's JSON events carry decimals in the connector's decimal.handling.mode
    assertThat(
            dataset("    envelope: debezium\n    decimal-handling: string\n" + decimalField + MERGE)
                .decode()
                .decimalHandling())
        .isEqualTo(DecimalHandling.STRING);
    rejected(
        "    decimal-handling: string\n" + decimalField + MERGE,
        "datasets.d.decimal-handling: 'string' only applies with envelope: debezium (the"
            + " connector's decimal.handling.mode)");
    rejected(
        "    envelope: debezium\n    schema: { ddl: \"id BIGINT NOT NULL, at TIMESTAMP NOT NULL,"
            + " tags ARRAY<STRING>\" }\n"
            + MERGE,
        "datasets.d.schema.ddl: 'array<string>' (field tags) is not supported with envelope"
            + " debezium; change events decode the eight plain scalars and decimals only so far");
    rejected(
        "    format: protobuf\n    protobuf: { descriptor-file: d.desc, message: M }\n"
            + "    fields:\n      - { name: id, type: long, required: true }\n"
            + "      - { name: at, type: timestamp, required: true }\n"
            + "      - { name: n, type: short }\n"
            + MERGE,
        "datasets.d.fields[2].type: 'short' is not supported with format protobuf; protobuf has"
            + " no short, byte or timestamp_ntz type; use int or timestamp");
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

  @Test
  void decimalRoundingIsRefuseUnlessHalfEvenIsChosen() {
    assertThat(dataset(FIELDS + MERGE).decode().decimalRounding())
        .isEqualTo(DecimalRounding.REFUSE);
    assertThat(
            dataset("    decimal-rounding: half-even\n" + FIELDS + MERGE)
                .decode()
                .decimalRounding())
        .isEqualTo(DecimalRounding.HALF_EVEN);
    rejected(
        "    decimal-rounding: up\n" + FIELDS + MERGE,
        "datasets.d.decimal-rounding: 'up' is not allowed; use one of refuse, half-even");
  }

  @Test
  void notNullInATypeMakesANestedFieldRequired() {
    assertThat(
            dataset(FIELDS.replace("sku: string,", "sku: string not null,") + MERGE)
                .fields()
                .get(2))
        .isEqualTo(
            new FieldSpec(
                "items",
                FieldType.array(
                    FieldType.struct(
                        List.of(
                            new FieldSpec("sku", FieldType.STRING, true),
                            new FieldSpec("qty", FieldType.INT, false),
                            new FieldSpec("price", FieldType.decimal(10, 2), false)))),
                false));
  }

  @Test
  void unknownFieldsKeepIsForPlainJsonWithoutColumnEvolution() {
    assertThat(dataset("    unknown-fields: keep\n" + FIELDS + MERGE).decode().unknownFields())
        .isEqualTo(UnknownFields.KEEP);
    rejected(
        "    unknown-fields: keep\n    schema-evolution: add-columns\n" + FIELDS + MERGE,
        "datasets.d.unknown-fields: 'keep' excludes schema-evolution: add-columns, which makes"
            + " unknown fields columns; choose one");
    rejected(
        "    unknown-fields: keep\n    envelope: debezium\n"
            + "    fields: [{ name: id, type: long, required: true }]\n"
            + "    merge: { keys: id, sequence-by: id }\n",
        "datasets.d.unknown-fields: 'keep' is supported with format json without an envelope only;"
            + " format json with envelope debezium decodes the schema's fields only");
  }
}
