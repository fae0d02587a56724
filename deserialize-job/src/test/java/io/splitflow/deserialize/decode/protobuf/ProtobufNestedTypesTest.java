package io.splitflow.deserialize.decode.protobuf;

import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.FIELDS;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.ORDER;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.builder;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.entry;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.set;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.spec;
import static io.splitflow.deserialize.decode.protobuf.ProtobufRecordDecoderTest.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Protobuf's nested types, enums, oneofs and well-known types, read into Spark's values. */
class ProtobufNestedTypesTest {

  private static final Descriptor ORDER_TYPE = OrderFixtures.order();
  private static final Descriptor ITEM = ORDER_TYPE.findNestedTypeByName("Item");
  private static final Descriptor CUSTOMER = ORDER_TYPE.findNestedTypeByName("Customer");
  private static final Instant PLACED = Instant.parse("2026-11-27T08:15:30.5Z");

  @TempDir Path dir;
  private String setFile;
  private ProtobufRecordDecoder decoder;

  @BeforeEach
  void writeDescriptorSet() {
    setFile = ProtoFixtures.write(dir, OrderFixtures.orderSet());
    decoder = new ProtobufRecordDecoder(setFile, ORDER, FIELDS);
  }

  private DecodeResult decode(List<FieldSpec> fields, DynamicMessage.Builder message) {
    return new ProtobufRecordDecoder(setFile, ORDER, fields).decode(message.build().toByteArray());
  }

  private static DynamicMessage item(String sku, int qty, double price) {
    DynamicMessage.Builder item = builder(ITEM);
    set(item, "sku", sku);
    set(item, "qty", qty);
    return set(item, "price", price).build();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  @Test
  void decodesMessagesRepeatedFieldsMapsEnumsAndWellKnownTypes() {
    DynamicMessage.Builder address = builder(CUSTOMER.findNestedTypeByName("Address"));
    set(address, "city", "Lyon");
    DynamicMessage.Builder customer = builder(CUSTOMER);
    set(customer, "id", 3L);
    set(customer, "name", "Ada");
    set(customer, "address", address.build());
    DynamicMessage.Builder grandparent = builder(ORDER_TYPE);
    set(grandparent, "id", 5L);
    DynamicMessage.Builder parent = builder(ORDER_TYPE);
    set(parent, "id", 6L);
    set(parent, "parent", grandparent.build());
    DynamicMessage.Builder order = builder(ORDER_TYPE);
    set(order, "id", 7L);
    set(order, "customer", customer.build());
    set(order, "items", item("a", 2, 19.99));
    set(order, "items", item("b", 1, 5.0));
    set(order, "stock", entry(ORDER_TYPE, "stock", "z", 1));
    set(order, "stock", entry(ORDER_TYPE, "stock", "a", -2));
    set(order, "notes", entry(ORDER_TYPE, "notes", -12L, "late"));
    set(order, "lines", entry(ORDER_TYPE, "lines", -1, item("c", 4, 1.0)));
    set(order, "status", ORDER_TYPE.getFile().findEnumTypeByName("Status").findValueByName("PAID"));
    set(order, "placed_at", timestamp(PLACED));
    set(order, "coupon", StringValue.of("WINTER"));
    set(order, "points", Int64Value.of(0L));
    set(order, "photo", ByteString.copyFromUtf8("hi"));
    set(order, "voucher", 99L);
    set(order, "scans", timestamp(PLACED));
    set(order, "scans", timestamp(Instant.EPOCH));
    set(order, "big", -1L);
    set(order, "tags", "gift");
    set(order, "parent", parent.build());

    DecodeResult result = decoder.decode(order.build().toByteArray());

    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.values())
        .containsExactly(
            7L,
            RowFactory.create(3L, "Ada", RowFactory.create("Lyon")),
            List.of(RowFactory.create("a", 2L, 19.99), RowFactory.create("b", 1L, 5.0)),
            new TreeMap<>(Map.of("a", -2, "z", 1)),
            new TreeMap<>(Map.of("-12", "late")),
            new TreeMap<>(Map.of("4294967295", RowFactory.create("c", 4L))),
            "PAID",
            PLACED,
            "WINTER",
            0L,
            new byte[] {'h', 'i'},
            null,
            99L,
            List.of(PLACED, Instant.EPOCH),
            new BigDecimal("18446744073709551615"),
            List.of("gift"),
            RowFactory.create(6L, RowFactory.create(5L)));
    assertThat(result.values()[3]).isInstanceOf(TreeMap.class);
  }

  @Test
  void unsetMessagesWrappersAndOneofsAreNullRepeatedFieldsAndMapsEmpty() {
    DynamicMessage.Builder order = builder(ORDER_TYPE);
    set(order, "id", 7L);

    DecodeResult result = decoder.decode(order.build().toByteArray());

    assertThat(result.values())
        .containsExactly(
            7L,
            null,
            List.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            "PENDING",
            null,
            null,
            null,
            new byte[0],
            null,
            null,
            List.of(),
            new BigDecimal("0"),
            List.of(),
            null);
  }

  @Test
  void aNestedMessageFieldTheTypeSaysIsNotNullMustBeSet() {
    List<FieldSpec> fields =
        List.of(spec("customer", "struct<id: long, address: struct<city: string> not null>"));
    DynamicMessage.Builder customer = builder(CUSTOMER);
    set(customer, "id", 3L);
    DynamicMessage.Builder order = builder(ORDER_TYPE);
    set(order, "customer", customer.build());

    DecodeResult result = decode(fields, order);

    assertThat(result.error()).isEqualTo(DecodeError.MISSING_FIELD);
    assertThat(result.message()).isEqualTo("required field 'customer.address' is missing");
    // no customer at all: the struct itself may be null
    assertThat(decode(fields, builder(ORDER_TYPE)).message()).isNull();
  }

  @Test
  void onlyTheOneofMemberThatIsSetHasAValue() {
    List<FieldSpec> fields = List.of(spec("card", "string"), spec("voucher", "long"));
    DynamicMessage.Builder card = builder(ORDER_TYPE);
    set(card, "voucher", 5L);
    set(card, "card", "visa");

    assertThat(decode(fields, card).values()).containsExactly("visa", null);
  }

  @Test
  void anEnumNumberTheEnumDoesNotDeclareIsItsNumber() {
    List<FieldSpec> fields = List.of(spec("status", "string"));
    // field 7 (status), varint 9
    byte[] value = {0x38, 0x09};

    assertThat(new ProtobufRecordDecoder(setFile, ORDER, fields).decode(value).values())
        .containsExactly("9");
  }

  @Test
  void mapKeysAreSortedAndTheLastOfTwoEqualKeysWins() {
    List<FieldSpec> fields = List.of(spec("stock", "map<string, int>"));
    DynamicMessage.Builder order = builder(ORDER_TYPE);
    set(order, "stock", entry(ORDER_TYPE, "stock", "b", 1));
    set(order, "stock", entry(ORDER_TYPE, "stock", "a", 2));
    set(order, "stock", entry(ORDER_TYPE, "stock", "b", 3));

    assertThat(decode(fields, order).values()[0]).isEqualTo(new TreeMap<>(Map.of("a", 2, "b", 3)));
  }

  @Test
  void aValueThatDoesNotFitItsTypeIsADeadLetterNamingItsPath() {
    List<FieldSpec> fields =
        List.of(
            spec("items", "array<struct<sku: string, qty: int>>"),
            spec("lines", "map<string, struct<qty: int>>"),
            spec("scans", "array<timestamp>"),
            spec("big", "long"));
    DynamicMessage.Builder order = builder(ORDER_TYPE);
    set(order, "items", item("a", 1, 1.0));
    set(order, "items", item("b", -5, 1.0));
    set(order, "lines", entry(ORDER_TYPE, "lines", 7, item("c", -1, 1.0)));
    set(order, "scans", Timestamp.newBuilder().setSeconds(0).setNanos(-1).build());
    set(order, "big", Long.MIN_VALUE);

    DecodeResult result = decode(fields, order);

    assertFailure(
        result,
        DecodeError.OUT_OF_RANGE,
        "field 'items[1].qty': 4294967291 is out of range for int;"
            + " field 'lines[\"7\"].qty': 4294967295 is out of range for int;"
            + " field 'scans[0]': Timestamp seconds=0 nanos=-1 is out of range"
            + " (0001-01-01 to 9999-12-31, nanos 0 to 999999999);"
            + " field 'big': 9223372036854775808 is out of range for long");
  }

  @Test
  void aSelfContainingMessageIsReadAsDeepAsTheTypeSays() {
    DynamicMessage.Builder order = builder(ORDER_TYPE);
    DynamicMessage message = set(builder(ORDER_TYPE), "id", 1L).build();
    for (long id = 2; id <= 5; id++) {
      message = set(set(builder(ORDER_TYPE), "id", id), "parent", message).build();
    }
    set(order, "parent", message);
    List<FieldSpec> fields = List.of(spec("parent", "struct<id: long, parent: struct<id: long>>"));

    assertThat(decode(fields, order).values())
        .containsExactly(RowFactory.create(5L, RowFactory.create(4L)));
  }

  @Test
  void aWrapperSetToItsDefaultIsNotNull() {
    List<FieldSpec> fields = List.of(spec("coupon", "string"), spec("points", "long"));
    DynamicMessage.Builder order = builder(ORDER_TYPE);
    set(order, "coupon", StringValue.of(""));

    assertThat(decode(fields, order).values()).containsExactly("", null);
  }

  @Test
  void neverThrowsOnCorruptedNestedMessages() {
    DynamicMessage.Builder order = builder(ORDER_TYPE);
    set(order, "id", 7L);
    set(order, "items", item("a", 2, 19.99));
    set(order, "lines", entry(ORDER_TYPE, "lines", 3, item("c", 4, 1.0)));
    set(order, "scans", timestamp(PLACED));
    set(order, "parent", set(builder(ORDER_TYPE), "id", 1L).build());
    byte[] full = order.build().toByteArray();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 5_000; i++) {
      byte[] value = Arrays.copyOf(full, random.nextInt(full.length + 1));
      for (int flips = random.nextInt(4); flips >= 0 && value.length > 0; flips--) {
        value[random.nextInt(value.length)] = (byte) random.nextInt(256);
      }
      DecodeResult result = decoder.decode(value);
      assertThat(result.ok() || result.message() != null).isTrue();
    }
  }
}
