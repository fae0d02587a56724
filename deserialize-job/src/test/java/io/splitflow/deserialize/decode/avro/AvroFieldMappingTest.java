package io.splitflow.deserialize.decode.avro;

import static io.splitflow.common.schema.FieldType.BOOLEAN;
import static io.splitflow.common.schema.FieldType.DATE;
import static io.splitflow.common.schema.FieldType.DOUBLE;
import static io.splitflow.common.schema.FieldType.FLOAT;
import static io.splitflow.common.schema.FieldType.INT;
import static io.splitflow.common.schema.FieldType.LONG;
import static io.splitflow.common.schema.FieldType.STRING;
import static io.splitflow.common.schema.FieldType.TIMESTAMP;
import static io.splitflow.deserialize.decode.avro.AvroTestData.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvroFieldMappingTest {

  private static final String NESTED =
      "use a record, array, map, enum, fixed, bytes, string, int, long, float, double, boolean or"
          + " union, with the logical types decimal, uuid, date, timestamp-* and local-timestamp-*";

  private static FieldType parse(String type) {
    return FieldType.parse(type);
  }

  @Test
  void everySupportedTypeMapsAndOnlyUnionsWithNullAreOptional() {
    assertThat(AvroFieldMapping.fields(AvroTestData.READING))
        .containsExactly(
            new FieldSpec("sensor_id", STRING, true),
            new FieldSpec("reading_date", DATE, true),
            new FieldSpec("read_at", TIMESTAMP, false),
            new FieldSpec("value", DOUBLE, false),
            new FieldSpec("ratio", FLOAT, false),
            new FieldSpec("n", INT, false),
            new FieldSpec("seq", LONG, false),
            new FieldSpec("active", BOOLEAN, false));
  }

  @Test
  void nullMayComeSecondInTheUnionAndUuidIsAString() {
    String json =
        """
        {"type": "record", "name": "R", "fields": [
          {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
          {"name": "at", "type": [{"type": "long", "logicalType": "timestamp-micros"}, "null"]}
        ]}
        """;

    assertThat(AvroFieldMapping.fields(schema(json)))
        .containsExactly(new FieldSpec("id", STRING, true), new FieldSpec("at", TIMESTAMP, false));
  }

  @Test
  void nestedTypesMapAsSparksFromAvroMapsThem() {
    String json =
        """
        {"type": "record", "name": "Order", "namespace": "o", "fields": [
          {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
            {"name": "id", "type": "long"},
            {"name": "tier", "type": {"type": "enum", "name": "Tier", "symbols": ["GOLD", "TIN"]}}
          ]}},
          {"name": "items", "type": ["null", {"type": "array", "items": ["null", {
            "type": "record", "name": "Item", "fields": [
              {"name": "sku", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal",
                                         "precision": 10, "scale": 2}},
              {"name": "weight", "type": {"type": "fixed", "name": "W", "size": 4,
                                          "logicalType": "decimal", "precision": 6, "scale": 3}}
            ]}]}]},
          {"name": "attributes", "type": {"type": "map", "values": "bytes"}},
          {"name": "hash", "type": {"type": "fixed", "name": "Md5", "size": 16}},
          {"name": "placed_at", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
          {"name": "local_ms", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
          {"name": "payload", "type": ["null", "string", "long", "Customer"]},
          {"name": "count", "type": ["int", "long"]},
          {"name": "ratio", "type": ["null", "float", "double"]}
        ]}
        """;

    assertThat(AvroFieldMapping.fields(schema(json)))
        .containsExactly(
            new FieldSpec("customer", parse("struct<id: long, tier: string>"), true),
            new FieldSpec(
                "items",
                parse("array<struct<sku: string, price: decimal(10,2), weight: decimal(6,3)>>"),
                false),
            new FieldSpec("attributes", parse("map<string, binary>"), true),
            new FieldSpec("hash", FieldType.BINARY, true),
            new FieldSpec("placed_at", FieldType.TIMESTAMP_NTZ, true),
            new FieldSpec("local_ms", FieldType.TIMESTAMP_NTZ, true),
            new FieldSpec(
                "payload",
                parse(
                    "struct<member0: string, member1: long,"
                        + " member2: struct<id: long, tier: string>>"),
                false),
            new FieldSpec("count", LONG, true),
            new FieldSpec("ratio", DOUBLE, false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'type': 'int', 'logicalType': 'time-millis'} | field 'x': Avro type int (time-millis) is"
            + " not supported; "
            + NESTED,
        "{'type': 'array', 'items': {'type': 'long', 'logicalType': 'time-micros'}} | field 'x[]':"
            + " Avro type long (time-micros) is not supported; "
            + NESTED,
        "['null', {'type': 'map', 'values': {'type': 'record', 'name': 'N', 'fields': [{'name':"
            + " 'at', 'type': {'type': 'int', 'logicalType': 'time-millis'}}]}}] | field"
            + " 'x[].at': Avro type int (time-millis) is not supported; "
            + NESTED,
        "'null' | field 'x': Avro type null is not supported; " + NESTED,
        "{'type': 'record', 'name': 'N', 'fields': []} | field 'x': Avro record N has no fields",
        "{'type': 'record', 'name': 'Node', 'fields': [{'name': 'next', 'type': ['null',"
            + " 'Node']}]} | field 'x.next': Avro record Node contains itself, which no column type"
            + " can; make the recursion a string (e.g. JSON) or cut it at a fixed depth",
        "{'type': 'bytes', 'logicalType': 'decimal', 'precision': 40} | field 'x': decimal"
            + " precision 40 is out of range; use 1 to 38"
      })
  void unsupportedTypesAreRefusedNamingTheirPath(String type, String message) {
    String json =
        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'x', 'type': " + type + "}]}";

    assertThatThrownBy(() -> AvroFieldMapping.fields(schema(json.replace('\'', '"'))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void typesNestedDeeperThanColumnsMayAreRefused() {
    String type = "'long'";
    for (int i = 0; i < FieldType.MAX_DEPTH; i++) {
      type = "{'type': 'array', 'items': " + type + "}";
    }
    String json =
        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'x', 'type': " + type + "}]}";

    assertThat(AvroFieldMapping.fields(schema(json.replace('\'', '"'))).get(0).type().depth())
        .isEqualTo(FieldType.MAX_DEPTH);
    String deeper = json.replace("'items': 'long'", "'items': {'type': 'array', 'items': 'long'}");
    assertThatThrownBy(() -> AvroFieldMapping.fields(schema(deeper.replace('\'', '"'))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'x': nests more than 32 levels deep");
  }

  @Test
  void schemaThatIsNotARecordIsRefused() {
    assertThatThrownBy(() -> AvroFieldMapping.fields(schema("\"string\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Avro schema must be a record, found string");
  }
}
