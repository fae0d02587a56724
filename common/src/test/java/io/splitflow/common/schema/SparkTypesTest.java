package io.splitflow.common.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SparkTypesTest {

  @Test
  void nestedTypesMapOntoSparksNullableNestedTypes() {
    DataType items =
        DataTypes.createArrayType(
            new StructType()
                .add("sku", DataTypes.StringType)
                .add("qty", DataTypes.IntegerType)
                .add("price", DataTypes.createDecimalType(10, 2)),
            true);
    assertThat(
            SparkTypes.of(
                FieldType.parse("array<struct<sku: string, qty: int, price: decimal(10,2)>>")))
        .isEqualTo(items);
    assertThat(SparkTypes.of(FieldType.parse("map<string, long>")))
        .isEqualTo(DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true));
    assertThat(SparkTypes.of(FieldType.SHORT)).isEqualTo(DataTypes.ShortType);
    assertThat(SparkTypes.of(FieldType.BYTE)).isEqualTo(DataTypes.ByteType);
    assertThat(SparkTypes.of(FieldType.BINARY)).isEqualTo(DataTypes.BinaryType);
    assertThat(SparkTypes.of(FieldType.TIMESTAMP_NTZ)).isEqualTo(DataTypes.TimestampNTZType);
  }

  @Test
  void everyTypeMapsBackFromItsSparkType() {
    for (FieldType type : FieldType.Scalar.values()) {
      assertThat(SparkTypes.fieldTypeOrNull(SparkTypes.of(type))).isSameAs(type);
    }
    for (String text :
        List.of(
            "decimal(38,18)",
            "array<struct<sku: string, qty: int, price: decimal(10,2)>>",
            "map<string, array<timestamp_ntz>>",
            "struct<customer: struct<id: long, tags: array<string>>>")) {
      FieldType type = FieldType.parse(text);
      assertThat(SparkTypes.fieldTypeOrNull(SparkTypes.of(type))).isEqualTo(type);
    }
    assertThat(SparkTypes.fieldTypeOrNull(DataTypes.CalendarIntervalType)).isNull();
    assertThat(
            SparkTypes.fieldTypeOrNull(
                DataTypes.createMapType(DataTypes.IntegerType, DataTypes.IntegerType)))
        .isNull();
  }

  @Test
  void ddlNestedTypesBecomeFields() {
    assertThat(
            SchemaSources.fromDdl(
                "id BIGINT NOT NULL, items ARRAY<STRUCT<sku: STRING, price: DECIMAL(10,2)>>,"
                    + " attributes MAP<STRING, STRING>, customer STRUCT<id: BIGINT, since: DATE>"))
        .containsExactly(
            new FieldSpec("id", FieldType.LONG, true),
            new FieldSpec(
                "items",
                FieldType.parse("array<struct<sku: string, price: decimal(10,2)>>"),
                false),
            new FieldSpec("attributes", FieldType.parse("map<string, string>"), false),
            new FieldSpec("customer", FieldType.parse("struct<id: long, since: date>"), false));
  }

  @Test
  void ddlRefusesWhatNoFieldTypeHolds() {
    assertThat(SchemaSources.fromDdl("c STRUCT<id: BIGINT NOT NULL, n: STRING>"))
        .containsExactly(
            new FieldSpec("c", FieldType.parse("struct<id: long not null, n: string>"), false));
    assertThatThrownBy(() -> SchemaSources.fromDdl("c ARRAY<INTERVAL DAY>"))
        .hasMessage(
            "field 'c[]': type interval day is not supported; use string, int, long, float,"
                + " double, boolean, date, timestamp, short, byte, binary, timestamp_ntz,"
                + " decimal(p,s), array<type>, map<string, type> or struct<name: type, ...>");
  }

  @Test
  void schemaEvolutionAddsOnlyTypesEveryFormatDecodes() {
    StructType bronze =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("n", DataTypes.LongType)
            .add("blob", DataTypes.BinaryType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType));
    assertThat(
            SparkTypes.addedColumns(List.of(new FieldSpec("id", FieldType.STRING, true)), bronze))
        .containsExactly(new FieldSpec("n", FieldType.LONG, false));
  }
}
