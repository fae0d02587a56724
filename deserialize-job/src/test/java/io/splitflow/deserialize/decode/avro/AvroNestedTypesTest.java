package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroRecordDecoderTest.assertFailure;
import static io.splitflow.deserialize.decode.avro.AvroTestData.plain;
import static io.splitflow.deserialize.decode.avro.AvroTestData.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Records, arrays, maps, enums, fixed, bytes, decimals and unions of several types. */
class AvroNestedTypesTest {

  static final Schema ORDER =
      schema(
          """
          {"type": "record", "name": "Order", "namespace": "shop", "fields": [
            {"name": "id", "type": "long"},
            {"name": "customer", "type": ["null", {"type": "record", "name": "Customer",
              "fields": [
                {"name": "id", "type": "long"},
                {"name": "name", "type": ["null", "string"], "default": null},
                {"name": "tier", "type": {"type": "enum", "name": "Tier",
                                          "symbols": ["GOLD", "SILVER", "TIN"]}}
              ]}], "default": null},
            {"name": "items", "type": ["null", {"type": "array", "items": ["null", {
              "type": "record", "name": "Item", "fields": [
                {"name": "sku", "type": {"type": "string", "logicalType": "uuid"}},
                {"name": "price", "type": {"type": "bytes", "logicalType": "decimal",
                                           "precision": 10, "scale": 2}},
                {"name": "weight", "type": ["null", {"type": "fixed", "name": "Weight",
                  "size": 4, "logicalType": "decimal", "precision": 6, "scale": 3}],
                 "default": null},
                {"name": "tags", "type": {"type": "array", "items": ["null", "string"]}}
              ]}]}], "default": null},
            {"name": "attributes", "type": ["null", {"type": "map", "values": ["null", "long"]}],
             "default": null},
            {"name": "hash", "type": ["null", {"type": "fixed", "name": "Md5", "size": 4}],
             "default": null},
            {"name": "photo", "type": ["null", "bytes"], "default": null},
            {"name": "placed_at", "type": ["null",
              {"type": "long", "logicalType": "local-timestamp-micros"}], "default": null},
            {"name": "shipped_on", "type": ["null", {"type": "int", "logicalType": "date"}],
             "default": null},
            {"name": "payload", "type": ["null", "string", "long", "Customer"], "default": null},
            {"name": "count", "type": ["int", "long"]},
            {"name": "ratio", "type": ["null", "float", "double"], "default": null}
          ]}
          """);

  static final List<FieldSpec> ORDER_FIELDS = AvroFieldMapping.fields(ORDER);

  private static final Schema CUSTOMER = ORDER.getField("customer").schema().getTypes().get(1);
  private static final Schema ITEM =
      ORDER.getField("items").schema().getTypes().get(1).getElementType().getTypes().get(1);
  private static final Schema WEIGHT = ITEM.getField("weight").schema().getTypes().get(1);
  private static final Schema MD5 = ORDER.getField("hash").schema().getTypes().get(1);

  private final AvroRecordDecoder decoder = new AvroRecordDecoder(ORDER.toString(), ORDER_FIELDS);

  @Test
  void theColumnTypesAreSparksFromAvroTypes() {
    assertThat(ORDER_FIELDS.stream().map(f -> f.name() + " " + f.type().typeName()))
        .containsExactly(
            "id long",
            "customer struct<id: long, name: string, tier: string>",
            "items array<struct<sku: string, price: decimal(10,2), weight: decimal(6,3),"
                + " tags: array<string>>>",
            "attributes map<string, long>",
            "hash binary",
            "photo binary",
            "placed_at timestamp_ntz",
            "shipped_on date",
            "payload struct<member0: string, member1: long,"
                + " member2: struct<id: long, name: string, tier: string>>",
            "count long",
            "ratio double");
  }

  @Test
  void decodesEveryNestedTypeToTheValuesSparkTakes() {
    GenericRecord order =
        order(7)
            .set("customer", customer(3, "Ada", "GOLD"))
            .set(
                "items",
                Arrays.asList(
                    item("a", 1999, 12_500, Arrays.asList("x", null)),
                    null,
                    item("b", -5, null, List.of())))
            .set("attributes", map("size", 42L, "color", null, "age", -1L))
            .set("hash", new GenericData.Fixed(MD5, new byte[] {1, 2, 3, 4}))
            .set("photo", ByteBuffer.wrap(new byte[] {'h', 'i'}))
            .set("placed_at", 1_764_231_330_123_456L)
            .set("shipped_on", 20_419)
            .set("payload", customer(4, null, "TIN"))
            .set("ratio", 0.5f)
            .build();

    DecodeResult result = decoder.decode(plain(order));

    assertThat(result.ok()).as(result.message()).isTrue();
    Object[] v = result.values();
    assertThat(v[0]).isEqualTo(7L);
    assertThat(v[1]).isEqualTo(RowFactory.create(3L, "Ada", "GOLD"));
    assertThat(normalized(v[2]))
        .isEqualTo(
            List.of(
                List.of(
                    "a", new BigDecimal("19.99"), new BigDecimal("12.500"), List.of("x", "null")),
                "null",
                List.of("b", new BigDecimal("-0.05"), "null", List.of())));
    assertThat(v[3]).isInstanceOf(TreeMap.class);
    assertThat(((Map<String, ?>) v[3]).keySet()).containsExactly("age", "color", "size");
    assertThat(((Map<?, ?>) v[3]).get("color")).isNull();
    assertThat((byte[]) v[4]).containsExactly(1, 2, 3, 4);
    assertThat((byte[]) v[5]).containsExactly('h', 'i');
    assertThat(v[6]).isEqualTo(LocalDateTime.parse("2025-11-27T08:15:30.123456"));
    assertThat(v[7]).isEqualTo(LocalDate.of(2025, 11, 27));
    assertThat(v[8]).isEqualTo(RowFactory.create(null, null, RowFactory.create(4L, null, "TIN")));
    assertThat(v[9]).isEqualTo(5L);
    assertThat(v[10]).isEqualTo(0.5d);
  }

  @Test
  void aUnionOfSeveralTypesSetsTheMemberOfItsBranch() {
    assertThat(decoder.decode(plain(order(1).set("payload", "text").build())).values()[8])
        .isEqualTo(RowFactory.create("text", null, null));
    assertThat(decoder.decode(plain(order(1).set("payload", 9L).build())).values()[8])
        .isEqualTo(RowFactory.create(null, 9L, null));
    assertThat(decoder.decode(plain(order(1).set("count", 5L << 40).build())).values()[9])
        .isEqualTo(5L << 40);
    assertThat(decoder.decode(plain(order(1).set("ratio", 0.1d).build())).values()[10])
        .isEqualTo(0.1d);
  }

  @Test
  void aDecimalWithMoreDigitsThanItsPrecisionIsOutOfRangeNamingItsPath() {
    GenericRecord order =
        order(1)
            .set(
                "items",
                List.of(
                    item("a", 1, 1_000_000, List.of()),
                    item("b", 100_000_000_000L, null, List.of())))
            .build();

    assertFailure(
        decoder.decode(plain(order)),
        DecodeError.OUT_OF_RANGE,
        "field 'items[0].weight': 1000.000 is out of range for decimal(6,3); "
            + "field 'items[1].price': 1000000000.00 is out of range for decimal(10,2)");
  }

  @Test
  void aDecimalOfNoBytesIsAWrongType() {
    GenericRecord item = item("a", 1, null, List.of());
    item.put("price", ByteBuffer.allocate(0));

    assertFailure(
        decoder.decode(plain(order(1).set("items", List.of(item)).build())),
        DecodeError.WRONG_TYPE,
        "field 'items[0].price': expected decimal(10,2), found 0 bytes");
  }

  @Test
  void aNestedDateBeyondTheYears0000To9999IsOutOfRangeNamingItsPath() {
    Schema dates =
        schema(
            """
            {"type": "record", "name": "R", "fields": [{"name": "m", "type": {"type": "map",
              "values": {"type": "array", "items": {"type": "int", "logicalType": "date"}}}}]}
            """);
    GenericRecord record =
        new GenericRecordBuilder(dates)
            .set("m", Map.of("k", List.of(0, Integer.MIN_VALUE)))
            .build();

    assertFailure(
        new AvroRecordDecoder(dates.toString(), AvroFieldMapping.fields(dates))
            .decode(plain(record)),
        DecodeError.OUT_OF_RANGE,
        "field 'm[\"k\"][1]': -2147483648 days is out of range for date (0000-01-01 to"
            + " 9999-12-31)");
  }

  @Test
  void aConfiguredTypeMustBeTheReaderSchemasWholeType() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("customer", FieldType.parse("struct<id: long, name: string>"), false));

    assertThatThrownBy(() -> new AvroRecordDecoder(ORDER.toString(), fields))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "field 'customer' is struct<id: long, name: string> in the configuration but"
                + " struct<id: long, name: string, tier: string> in the Avro reader schema");
  }

  @Test
  void reusedRecordsDoNotLeakIntoEarlierValues() {
    DecodeResult first =
        decoder.decode(
            plain(
                order(1)
                    .set("hash", new GenericData.Fixed(MD5, new byte[] {1, 1, 1, 1}))
                    .set("items", List.of(item("a", 1, 1, List.of("t"))))
                    .build()));
    decoder.decode(
        plain(
            order(2)
                .set("hash", new GenericData.Fixed(MD5, new byte[] {2, 2, 2, 2}))
                .set("items", List.of(item("b", 2, 2, List.of("u"))))
                .build()));

    assertThat((byte[]) first.values()[4]).containsExactly(1, 1, 1, 1);
    assertThat(normalized(first.values()[2]))
        .isEqualTo(
            List.of(List.of("a", new BigDecimal("0.01"), new BigDecimal("0.001"), List.of("t"))));
  }

  static GenericRecordBuilder order(long id) {
    return new GenericRecordBuilder(ORDER).set("id", id).set("count", 5);
  }

  static GenericRecord customer(long id, String name, String tier) {
    return new GenericRecordBuilder(CUSTOMER)
        .set("id", id)
        .set("name", name)
        .set("tier", new GenericData.EnumSymbol(CUSTOMER.getField("tier").schema(), tier))
        .build();
  }

  /** An item with its price and weight as unscaled numbers (cents, grams). */
  static GenericRecord item(String sku, long priceCents, Integer weightGrams, List<String> tags) {
    return new GenericRecordBuilder(ITEM)
        .set("sku", sku)
        .set("price", ByteBuffer.wrap(BigInteger.valueOf(priceCents).toByteArray()))
        .set("weight", weightGrams == null ? null : fixed(WEIGHT, BigInteger.valueOf(weightGrams)))
        .set("tags", tags)
        .build();
  }

  /** Two's complement, sign-extended to the fixed's size. */
  static GenericData.Fixed fixed(Schema schema, BigInteger unscaled) {
    byte[] bytes = unscaled.toByteArray();
    byte[] out = new byte[schema.getFixedSize()];
    Arrays.fill(out, (byte) (unscaled.signum() < 0 ? 0xff : 0));
    System.arraycopy(bytes, 0, out, out.length - bytes.length, bytes.length);
    return new GenericData.Fixed(schema, out);
  }

  private static Map<String, Object> map(Object... entries) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      map.put((String) entries[i], entries[i + 1]);
    }
    return map;
  }

  /**
   * A value with rows as lists, byte arrays as hex and nulls as "null", so that nested values
   * compare by their content.
   */
  static Object normalized(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Row row) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        out.add(normalized(row.get(i)));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(AvroNestedTypesTest::normalized).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new HashMap<>();
      map.forEach((k, v) -> out.put(k, normalized(v)));
      return out;
    }
    if (value instanceof byte[] bytes) {
      return java.util.HexFormat.of().formatHex(bytes);
    }
    return value;
  }
}
