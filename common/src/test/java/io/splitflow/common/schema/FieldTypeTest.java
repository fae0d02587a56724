package io.splitflow.common.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldTypeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "string",
        "int",
        "long",
        "float",
        "double",
        "boolean",
        "date",
        "timestamp",
        "short",
        "byte",
        "binary",
        "timestamp_ntz",
        "decimal(10,2)",
        "decimal(38,0)",
        "array<long>",
        "map<string, double>",
        "struct<sku: string, qty: int>",
        "struct<id: long not null, name: string>",
        "array<struct<sku: string not null, qty: int>>",
        "array<struct<sku: string, qty: int, price: decimal(10,2)>>",
        "map<string, array<map<string, struct<a: binary, `first-name`: string>>>>"
      })
  void typeNamesReadBackAsTheSameType(String text) {
    FieldType type = FieldType.parse(text);
    assertThat(type.typeName()).isEqualTo(text);
    assertThat(FieldType.parse(type.typeName())).isEqualTo(type);
  }

  @Test
  void scalarsAreTheConstantsSoThatIdentityHolds() {
    assertThat(FieldType.parse("string")).isSameAs(FieldType.STRING);
    assertThat(FieldType.parse("TIMESTAMP")).isSameAs(FieldType.TIMESTAMP);
    assertThat(FieldType.parse("timestamp_ntz")).isSameAs(FieldType.TIMESTAMP_NTZ);
  }

  @Test
  void blanksAndCaseAreFree() {
    assertThat(
            FieldType.parse(" ARRAY < struct<sku string , qty:INT,price : Decimal( 10 , 2 )> >\n")
                .typeName())
        .isEqualTo("array<struct<sku: string, qty: int, price: decimal(10,2)>>");
    assertThat(FieldType.parse("map< string ,long >")).isEqualTo(FieldType.map(FieldType.LONG));
    assertThat(FieldType.parse("decimal(7)")).isEqualTo(FieldType.decimal(7, 0));
  }

  @Test
  void structsKeepTheirFieldsInOrderAndNamesMayBeBackquoted() {
    FieldType.Struct struct = (FieldType.Struct) FieldType.parse("struct<b: int, `x``y`: string>");
    assertThat(struct.fields())
        .containsExactly(
            new FieldSpec("b", FieldType.INT, false),
            new FieldSpec("x`y", FieldType.STRING, false));
    assertThat(struct.typeName()).isEqualTo("struct<b: int, `x``y`: string>");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "array<int|expected '>' at position 10, found the end of the text",
        "array<int,|expected '>' at position 10, found ','",
        "map<int, long>|map keys must be string, found int at position 5",
        "map<string>|expected ',' at position 11, found '>'",
        "decimal(39,2)|decimal precision 39 is out of range; use 1 to 38 (at position 1)",
        "decimal(5,6)|decimal scale 6 is out of range; use 0 to the precision 5 (at position 1)",
        "decimal|expected '(' after decimal, as in decimal(10,2) at position 8, found the end of"
            + " the text",
        "decimal(1234,2)|expected a number from 0 to 38 at position 9, found '1234,2)'",
        "struct<a: int, a: long>|struct field 'a' at position 16 is declared twice",
        "struct<>|expected a field name at position 8, found '>'",
        "struct<a int|expected '>' at position 13, found the end of the text",
        "int x|expected the end of the type at position 5, found 'x'",
        "|expected a type at position 1, found the end of the text",
        "array<>|expected a type at position 7, found '>'",
      })
  void errorsSayWhatWasExpectedAndWhere(String text, String message) {
    assertThatThrownBy(() -> FieldType.parse(text == null ? "" : text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void anUnknownNameListsTheTypes() {
    assertThatThrownBy(() -> FieldType.parse("array<strin>"))
        .hasMessage(
            "unknown type 'strin' at position 7; use string, int, long, float, double, boolean,"
                + " date, timestamp, short, byte, binary, timestamp_ntz, decimal(p,s), array<type>,"
                + " map<string, type> or struct<name: type, ...>");
  }

  @Test
  void nestingIsBoundedSoThatNoInputCanExhaustTheStack() {
    assertThat(FieldType.parse("array<".repeat(32) + "int" + ">".repeat(32)).depth()).isEqualTo(32);
    assertThatThrownBy(() -> FieldType.parse("array<".repeat(33) + "int" + ">".repeat(33)))
        .hasMessage("nests more than 32 levels deep at position 193");
    assertThatThrownBy(() -> FieldType.parse("array<".repeat(1_000_000)))
        .hasMessage("nests more than 32 levels deep at position 193");
    assertThatThrownBy(() -> FieldType.array(nested(32)))
        .hasMessage("nests more than 32 levels deep");
  }

  private static FieldType nested(int depth) {
    FieldType type = FieldType.INT;
    for (int i = 0; i < depth; i++) {
      type = FieldType.array(type);
    }
    return type;
  }

  @Test
  void notNullMakesAStructFieldRequired() {
    FieldType.Struct struct =
        (FieldType.Struct) FieldType.parse("struct<id: long NOT  Null, `not`: string>");
    assertThat(struct.fields())
        .containsExactly(
            new FieldSpec("id", FieldType.LONG, true),
            new FieldSpec("not", FieldType.STRING, false));
    assertThat(FieldType.parse("struct<id: long>"))
        .isNotEqualTo(FieldType.parse("struct<id: long not null>"));
    assertThatThrownBy(() -> FieldType.parse("struct<id: long not nul>"))
        .hasMessage("expected null after not at position 21, found 'nul>'");
  }

  @Test
  void onlyStructsArraysAndMapsAreNested() {
    assertThat(FieldType.parse("decimal(3,1)").isNested()).isFalse();
    assertThat(FieldType.BINARY.isNested()).isFalse();
    assertThat(FieldType.parse("map<string, int>").isNested()).isTrue();
    assertThatThrownBy(() -> FieldType.parse("array<int>").scalar())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("array<int> is not a scalar type");
  }
}
