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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvroFieldMappingTest {

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

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'type': 'map', 'values': 'int'}          | Avro type map is not supported",
        "{'type': 'array', 'items': 'int'}         | Avro type array is not supported",
        "'bytes'                                   | Avro type bytes is not supported",
        "{'type': 'enum', 'name': 'E', 'symbols': ['A']} | Avro type enum is not supported",
        "{'type': 'record', 'name': 'N', 'fields': []}   | Avro type record is not supported",
        "{'type': 'int', 'logicalType': 'time-millis'}   | Avro type int (time-millis) is not supported",
        "{'type': 'bytes', 'logicalType': 'decimal', 'precision': 4} "
            + "| Avro type bytes (decimal) is not supported",
        "['null', 'int', 'string']                 | Avro union [null, int, string] is not supported",
        "['int', 'string']                         | Avro union [int, string] is not supported"
      })
  void unsupportedTypesAreRefusedNamingTheField(String type, String problem) {
    String json =
        "{'type': 'record', 'name': 'R', 'fields': [{'name': 'x', 'type': " + type + "}]}";

    assertThatThrownBy(() -> AvroFieldMapping.fields(schema(json.replace('\'', '"'))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("field 'x': " + problem + "; ")
        .hasMessageEndingWith(
            problem.contains("union")
                ? "a union may only pair null with one type"
                : "use string, int, long, float, double, boolean, date or timestamp-millis/micros/nanos");
  }

  @Test
  void schemaThatIsNotARecordIsRefused() {
    assertThatThrownBy(() -> AvroFieldMapping.fields(schema("\"string\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Avro schema must be a record, found string");
  }
}
