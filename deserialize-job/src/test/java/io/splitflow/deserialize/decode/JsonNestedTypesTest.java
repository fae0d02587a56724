package io.splitflow.deserialize.decode;

import static io.splitflow.deserialize.decode.Records.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decimals, the new scalars, structs, arrays and maps: strict, with the full path in messages. */
class JsonNestedTypesTest {

  private static final List<FieldSpec> ORDER =
      List.of(
          new FieldSpec("id", FieldType.LONG, true),
          new FieldSpec("customer", FieldType.parse("struct<id: long, name: string>"), false),
          new FieldSpec(
              "items",
              FieldType.parse("array<struct<sku: string, qty: int, price: decimal(10,2)>>"),
              false),
          new FieldSpec("attributes", FieldType.parse("map<string, string>"), false));

  private static DecodeResult decode(List<FieldSpec> fields, String json) {
    return new JsonRecordDecoder(fields, UnknownFieldPolicy.IGNORE).decode(json(json));
  }

  private static DecodeResult one(String type, String rawValue) {
    return decode(
        List.of(new FieldSpec("f", FieldType.parse(type), false)), "{'f':" + rawValue + "}");
  }

  private static Object value(String type, String rawValue) {
    DecodeResult result = one(type, rawValue);
    assertThat(result.message()).isNull();
    return result.values()[0];
  }

  @Test
  void aNestedOrderDecodesToRowsListsAndMaps() {
    DecodeResult result =
        decode(
            ORDER,
            "{'id':7,'customer':{'id':3,'name':'Ada'},"
                + "'items':[{'sku':'a','qty':2,'price':19.99},null,{'sku':'b','price':0.5}],"
                + "'attributes':{'color':'red','gift':null}}");

    assertThat(result.message()).isNull();
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("color", "red");
    attributes.put("gift", null);
    assertThat(result.values())
        .containsExactly(
            7L,
            RowFactory.create(3L, "Ada"),
            Arrays.asList(
                RowFactory.create("a", 2, new BigDecimal("19.99")),
                null,
                RowFactory.create("b", null, new BigDecimal("0.50"))),
            attributes);
  }

  @Test
  void aMapSentWithItsKeysInAnotherOrderIsTheSameStoredValue() {
    Object first = value("map<string, int>", "{'b':2,'a':1,'c':3}");
    Object second = value("map<string, int>", "{'c':3,'a':1,'b':2}");

    // gold's change detection hashes the row's JSON, which follows the map's iteration order
    assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) first).keySet()))
        .containsExactly("a", "b", "c");
    assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) second).keySet()))
        .containsExactly("a", "b", "c");
  }

  @Test
  void decimalsAreReadFromTheTextNeverThroughADouble() {
    assertThat(value("decimal(10,2)", "19.99")).isEqualTo(new BigDecimal("19.99"));
    assertThat(value("decimal(38,18)", "0.100000000000000001"))
        .isEqualTo(new BigDecimal("0.100000000000000001"));
    assertThat(value("decimal(10,2)", "19.990")).isEqualTo(new BigDecimal("19.99"));
    assertThat(value("decimal(10,2)", "-3")).isEqualTo(new BigDecimal("-3.00"));
    assertThat(value("decimal(5,0)", "1.2e2")).isEqualTo(new BigDecimal("120"));
    assertThat(value("decimal(4,2)", "99.99")).isEqualTo(new BigDecimal("99.99"));
    // zero has no integer digit (found by JsonNestedValuesPropertyTest)
    assertThat(value("decimal(1,1)", "0.0")).isEqualTo(new BigDecimal("0.0"));
    assertThat(value("decimal(2,2)", "-0")).isEqualTo(new BigDecimal("0.00"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "decimal(10,2)|19.999|WRONG_TYPE|field 'f': expected decimal(10,2), found number 19.999"
            + " (more than 2 digits after the point)",
        "decimal(10,2)|\"19.99\"|WRONG_TYPE|field 'f': expected decimal(10,2), found string"
            + " \"19.99\"",
        "decimal(4,2)|100.5|OUT_OF_RANGE|field 'f': 100.5 is out of range for decimal(4,2)",
        "decimal(4,2)|1e999999999|OUT_OF_RANGE|field 'f': 1e999999999 is out of range for"
            + " decimal(4,2)",
        "decimal(4,2)|1e-999999999|WRONG_TYPE|field 'f': expected decimal(4,2), found number"
            + " 1e-999999999 (more than 2 digits after the point)",
        "short|32768|OUT_OF_RANGE|field 'f': 32768 is out of range for short",
        "short|1.5|WRONG_TYPE|field 'f': expected short, found number 1.5",
        "byte|-129|OUT_OF_RANGE|field 'f': -129 is out of range for byte",
        "byte|99999999999|OUT_OF_RANGE|field 'f': 99999999999 is out of range for byte",
        "binary|\"not base64!\"|WRONG_TYPE|field 'f': expected a base64 string, found string"
            + " \"not base64!\"",
        "timestamp_ntz|\"2026-11-27T08:15:30Z\"|WRONG_TYPE|field 'f': expected an ISO-8601"
            + " date-time without offset (e.g. 2026-11-27T08:15:30), found string"
            + " \"2026-11-27T08:15:30Z\"",
        "struct<a: int>|[1]|WRONG_TYPE|field 'f': expected an object, found array",
        "array<int>|{}|WRONG_TYPE|field 'f': expected an array, found object",
        "map<string, int>|\"x\"|WRONG_TYPE|field 'f': expected an object, found string \"x\"",
      })
  void aValueThatDoesNotFitIsADeadLetterNamingTheField(
      String type, String raw, DecodeError error, String message) {
    DecodeResult result = one(type, raw);

    assertThat(result.error()).isEqualTo(error);
    assertThat(result.message()).isEqualTo(message);
  }

  @Test
  void theNewScalarsDecode() {
    assertThat(value("short", "-32768")).isEqualTo((short) -32768);
    assertThat(value("byte", "127")).isEqualTo((byte) 127);
    assertThat((byte[]) value("binary", "'aGk='")).containsExactly('h', 'i');
    assertThat(value("timestamp_ntz", "'2026-11-27T08:15:30.123456'"))
        .isEqualTo(LocalDateTime.of(2026, 11, 27, 8, 15, 30, 123_456_000));
  }

  @Test
  void messagesNameTheFullPath() {
    DecodeResult result =
        decode(
            ORDER,
            "{'id':7,'customer':{'id':'x'},"
                + "'items':[{'price':1},{'price':2},{'price':'abc','qty':1.5}],"
                + "'attributes':{'color':5}}");

    assertThat(result.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(result.message())
        .isEqualTo(
            "field 'customer.id': expected long, found string \"x\"; field 'items[2].price':"
                + " expected decimal(10,2), found string \"abc\"; field 'items[2].qty': expected"
                + " int, found number 1.5; field 'attributes[\"color\"]': expected string, found"
                + " number 5");
  }

  @Test
  void nestedUnknownKeysFollowTheDatasetsPolicyAndDuplicatesAreRefused() {
    String record = "{'id':1,'customer':{'id':3,'vip':true}}";
    assertThat(decode(ORDER, record).message()).isNull();
    assertThat(decode(ORDER, record).values()[1]).isEqualTo(RowFactory.create(3L, null));

    DecodeResult strict =
        new JsonRecordDecoder(ORDER, UnknownFieldPolicy.DEAD_LETTER).decode(json(record));
    assertThat(strict.error()).isEqualTo(DecodeError.UNKNOWN_FIELD);
    assertThat(strict.message()).isEqualTo("unknown field 'customer.vip' (not in the schema)");

    DecodeResult twice =
        decode(ORDER, "{'id':1,'customer':{'id':3,'id':4},'attributes':{'a':'1','a':'2'}}");
    assertThat(twice.error()).isEqualTo(DecodeError.DUPLICATE_FIELD);
    assertThat(twice.message())
        .isEqualTo("field 'customer.id' appears twice; field 'attributes[\"a\"]' appears twice");
  }

  @Test
  void inputNestedDeeperThanItsTypeIsAWrongTypeNotARecursion() {
    String deep = "[".repeat(900) + "]".repeat(900);
    DecodeResult result = one("array<array<int>>", deep);

    assertThat(result.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(result.message()).isEqualTo("field 'f[0][0]': expected int, found array");
  }

  @Test
  void aHugeArrayOfWrongValuesListsTheFirstHundredAndCountsTheRest() {
    DecodeResult result = one("array<int>", "[" + "'x',".repeat(999) + "'x']");

    assertThat(result.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(result.message())
        .startsWith("field 'f[0]': expected int, found string \"x\"; field 'f[1]': ")
        .endsWith("; field 'f[99]': expected int, found string \"x\"; and 900 more problems");
  }

  @Test
  void tombstoneKeysOfTheNewScalarsAreReadAsTheJsonDecoderReadsThem() {
    List<FieldSpec> keyed =
        List.of(
            new FieldSpec("amount", FieldType.decimal(10, 2), true),
            new FieldSpec("n", FieldType.SHORT, true),
            new FieldSpec("at", FieldType.TIMESTAMP_NTZ, true));
    TombstoneKeyDecoder tombstones =
        new TombstoneKeyDecoder(
            new io.splitflow.common.config.TombstoneKey("delimited", java.util.Optional.of("|")),
            keyed,
            List.of("amount", "n", "at"));

    assertThat(tombstones.decode("19.990|7|2026-11-27T08:15:30".getBytes()).values())
        .containsExactly(
            new BigDecimal("19.99"), (short) 7, LocalDateTime.of(2026, 11, 27, 8, 15, 30));
    for (String key :
        List.of("19.999|7|2026-11-27T08:15:30", "1e-999999999|7|2026-11-27T08:15:30")) {
      DecodeResult result = tombstones.decode(key.getBytes());
      assertThat(result.error()).isEqualTo(DecodeError.BAD_TOMBSTONE_KEY);
      assertThat(result.message())
          .isEqualTo(
              "tombstone cannot be a delete: key field 'amount': '"
                  + key.substring(0, key.indexOf('|'))
                  + "' is not a decimal(10,2)");
    }
  }

  @Test
  void nullElementsAndValuesAreKept() {
    assertThat(value("array<long>", "[1,null,3]")).isEqualTo(Arrays.asList(1L, null, 3L));
    Map<String, Object> nullValue = new LinkedHashMap<>();
    nullValue.put("a", null);
    assertThat(value("map<string, long>", "{'a':null}")).isEqualTo(nullValue);
    assertThat(value("struct<a: long>", "{}")).isEqualTo(RowFactory.create((Object) null));
    assertThat(((Row) value("struct<a: long>", "{'a':null}")).isNullAt(0)).isTrue();
  }

  @Test
  void requiredNestedFieldsMustBePresentAndNotNullWhereTheirStructIs() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec(
                "customer",
                FieldType.parse(
                    "struct<id: long not null, address: struct<city: string not null>>"),
                false),
            new FieldSpec("items", FieldType.parse("array<struct<sku: string not null>>"), false));

    assertThat(
            decode(
                    fields,
                    "{'customer':{'id':1,'address':{'city':'Oslo'}},'items':[{'sku':'a'},null]}")
                .message())
        .isNull();
    // the struct itself is optional: no customer, no address, no items are no problem
    assertThat(decode(fields, "{'customer':{'id':1,'address':null}}").message()).isNull();
    assertThat(decode(fields, "{}").message()).isNull();

    DecodeResult result =
        decode(fields, "{'customer':{'address':{'city':null}},'items':[{'sku':'a'},{},{'sku':7}]}");
    assertThat(result.error()).isEqualTo(DecodeError.MISSING_FIELD);
    assertThat(result.message())
        .isEqualTo(
            "required field 'customer.address.city' is null; required field 'customer.id' is"
                + " missing; required field 'items[1].sku' is missing; field 'items[2].sku':"
                + " expected string, found number 7");
    assertThat(decode(fields, "{'customer':{'id':null}}").error())
        .isEqualTo(DecodeError.MISSING_FIELD);
  }

  @Test
  void decimalsRoundHalfEvenOnlyWhenTheDatasetSaysSo() {
    List<FieldSpec> fields = List.of(new FieldSpec("f", FieldType.decimal(4, 2), false));
    JsonRecordDecoder rounding =
        new JsonRecordDecoder(
            fields,
            UnknownFieldPolicy.IGNORE,
            io.splitflow.common.config.DecimalRounding.HALF_EVEN);

    assertThat(rounding.decode(json("{'f':19.995}")).values())
        .containsExactly(new BigDecimal("20.00"));
    assertThat(rounding.decode(json("{'f':19.985}")).values())
        .containsExactly(new BigDecimal("19.98"));
    assertThat(rounding.decode(json("{'f':-0.125}")).values())
        .containsExactly(new BigDecimal("-0.12"));
    assertThat(rounding.decode(json("{'f':1e-999999999}")).values())
        .containsExactly(new BigDecimal("0.00"));
    assertThat(rounding.decode(json("{'f':0.0051}")).values())
        .containsExactly(new BigDecimal("0.01"));
    // rounding cannot make an integer part fit, and may carry one past it
    assertThat(rounding.decode(json("{'f':99.995}")).message())
        .isEqualTo("field 'f': 99.995 is out of range for decimal(4,2)");
    assertThat(rounding.decode(json("{'f':100.1}")).error()).isEqualTo(DecodeError.OUT_OF_RANGE);
    // the default refuses
    assertThat(decode(fields, "{'f':19.995}").error()).isEqualTo(DecodeError.WRONG_TYPE);
  }

  @Test
  void keptUnknownFieldsComeAsOneJsonObjectKeyedByTheirPaths() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("id", FieldType.LONG, true),
            new FieldSpec("customer", FieldType.parse("struct<id: long>"), false));
    JsonRecordDecoder keep = new JsonRecordDecoder(fields, UnknownFieldPolicy.KEEP);

    DecodeResult result =
        keep.decode(
            json(
                "{'colour':'red','id':1,'customer':{'id':3,'vip':true,'x':{'a':[1,2.50]}},"
                    + "'n':null,'big':123456789012345678901234567890}"));
    assertThat(result.message()).isNull();
    assertThat(keep.keepsExtra()).isTrue();
    assertThat(result.values())
        .containsExactly(
            1L,
            RowFactory.create(3L),
            "{\"colour\":\"red\",\"customer.vip\":true,\"customer.x\":{\"a\":[1,2.50]},"
                + "\"n\":null,\"big\":123456789012345678901234567890}");
    // none kept: null, not an empty object
    assertThat(keep.decode(json("{'id':2}")).values()).containsExactly(2L, null, null);
    // a field twice is still a duplicate, kept or not
    assertThat(keep.decode(json("{'id':2,'x':1,'x':2}")).message())
        .isEqualTo("field 'x' appears twice");
    assertThat(new JsonRecordDecoder(fields, UnknownFieldPolicy.IGNORE).keepsExtra()).isFalse();
  }
}
