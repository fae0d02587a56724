package io.splitflow.deserialize.decode.protobuf;

import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.FIELDS;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.ORDER;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.builder;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.entry;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import io.splitflow.deserialize.decode.DecodeResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random orders, written with protobuf-java's DynamicMessage, decode to the values this test works
 * out from its own random choices: every field, nesting, map key kind, enum number and presence.
 */
class ProtobufNestedPropertyTest {

  private static final Descriptor ORDER_TYPE = OrderFixtures.order();
  private static final Descriptor ITEM = ORDER_TYPE.findNestedTypeByName("Item");
  private static final Descriptor CUSTOMER = ORDER_TYPE.findNestedTypeByName("Customer");
  private static final Descriptor ADDRESS = CUSTOMER.findNestedTypeByName("Address");
  private static final EnumDescriptor STATUS = ORDER_TYPE.getFile().findEnumTypeByName("Status");
  private static final String[] STATUS_NAMES = {"PENDING", "PAID", "SHIPPED"};
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;

  @TempDir Path dir;

  @Test
  void randomNestedOrdersDecodeToTheValuesTheyWereBuiltFrom() {
    ProtobufRecordDecoder decoder =
        new ProtobufRecordDecoder(
            ProtoFixtures.write(dir, OrderFixtures.orderSet()), ORDER, FIELDS);
    Random random = new Random(20261127);
    for (int n = 0; n < 200; n++) {
      DynamicMessage.Builder order = builder(ORDER_TYPE);
      Object[] expected = order(random, order, 2);

      DecodeResult result = decoder.decode(order.build().toByteArray());

      assertThat(result.ok()).as("case %d: %s", n, result.message()).isTrue();
      assertThat(result.values()).as("case %d", n).containsExactly(expected);
    }
  }

  /** Fills {@code order} at random and returns the values the decoder must give for it. */
  private static Object[] order(Random random, DynamicMessage.Builder order, int parents) {
    long id = random.nextLong();
    set(order, "id", id);

    Row customer = null;
    if (random.nextBoolean()) {
      DynamicMessage.Builder c = builder(CUSTOMER);
      long customerId = random.nextLong();
      String name = text(random);
      set(set(c, "id", customerId), "name", name);
      Row address = null;
      if (random.nextBoolean()) {
        String city = text(random);
        set(c, "address", set(builder(ADDRESS), "city", city).build());
        address = RowFactory.create(city);
      }
      set(order, "customer", c.build());
      customer = RowFactory.create(customerId, name, address);
    }

    List<Row> items = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      String sku = text(random);
      int qty = random.nextInt();
      double price = random.nextDouble() * 1000 - 500;
      set(order, "items", item(sku, qty, price));
      items.add(RowFactory.create(sku, Integer.toUnsignedLong(qty), price));
    }

    Map<String, Object> stock = new TreeMap<>();
    for (int i = random.nextInt(5); i > 0; i--) {
      // few distinct keys, so some come twice and the last must win
      String key = String.valueOf((char) ('a' + random.nextInt(3)));
      int count = random.nextInt();
      set(order, "stock", entry(ORDER_TYPE, "stock", key, count));
      stock.put(key, count);
    }

    Map<String, Object> notes = new TreeMap<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      long key = random.nextBoolean() ? random.nextLong() : random.nextInt(3) - 1;
      String note = text(random);
      set(order, "notes", entry(ORDER_TYPE, "notes", key, note));
      notes.put(Long.toString(key), note);
    }

    Map<String, Object> lines = new TreeMap<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      int key = random.nextInt();
      String sku = text(random);
      int qty = random.nextInt(100);
      set(order, "lines", entry(ORDER_TYPE, "lines", key, item(sku, qty, 0)));
      lines.put(Integer.toUnsignedString(key), RowFactory.create(sku, (long) qty));
    }

    int statusNumber = random.nextInt(5);
    set(order, "status", STATUS.findValueByNumberCreatingIfUnknown(statusNumber));
    String status =
        statusNumber < STATUS_NAMES.length
            ? STATUS_NAMES[statusNumber]
            : Integer.toString(statusNumber);

    Instant placedAt = null;
    if (random.nextBoolean()) {
      placedAt = instant(random);
      set(order, "placed_at", timestamp(placedAt));
    }
    String coupon = null;
    if (random.nextBoolean()) {
      coupon = text(random);
      set(order, "coupon", StringValue.of(coupon));
    }
    Long points = null;
    if (random.nextBoolean()) {
      points = random.nextLong();
      set(order, "points", Int64Value.of(points));
    }

    byte[] photo = new byte[random.nextInt(6)];
    random.nextBytes(photo);
    set(order, "photo", ByteString.copyFrom(photo));

    String card = null;
    Long voucher = null;
    switch (random.nextInt(3)) {
      case 1 -> {
        card = text(random);
        set(order, "card", card);
      }
      case 2 -> {
        voucher = random.nextLong();
        set(order, "voucher", voucher);
      }
      default -> {}
    }

    List<Instant> scans = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      Instant scan = instant(random);
      set(order, "scans", timestamp(scan));
      scans.add(scan);
    }

    long big = random.nextLong();
    set(order, "big", big);

    List<String> tags = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      String tag = text(random);
      set(order, "tags", tag);
      tags.add(tag);
    }

    Row parent = null;
    if (parents > 0 && random.nextBoolean()) {
      DynamicMessage.Builder p = builder(ORDER_TYPE);
      Object[] values = order(random, p, parents - 1);
      set(order, "parent", p.build());
      // the dataset reads parent's id and its parent's id only
      Row grandparent = (Row) values[16];
      parent =
          RowFactory.create(
              values[0], grandparent == null ? null : RowFactory.create(grandparent.get(0)));
    }

    return new Object[] {
      id,
      customer,
      items,
      stock,
      notes,
      lines,
      status,
      placedAt,
      coupon,
      points,
      photo,
      card,
      voucher,
      scans,
      new BigDecimal(Long.toUnsignedString(big)),
      tags,
      parent
    };
  }

  private static DynamicMessage item(String sku, int qty, double price) {
    DynamicMessage.Builder item = builder(ITEM);
    return set(set(set(item, "sku", sku), "qty", qty), "price", price).build();
  }

  private static Instant instant(Random random) {
    long seconds = MIN_SECONDS + (long) (random.nextDouble() * (MAX_SECONDS - MIN_SECONDS));
    return Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  /** Up to six code points: ASCII, other BMP letters, and one outside the BMP. */
  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(7); i > 0; i--) {
      switch (random.nextInt(3)) {
        case 0 -> text.append((char) (' ' + random.nextInt(95)));
        case 1 -> text.append((char) (0x00e0 + random.nextInt(0x0500)));
        default -> text.appendCodePoint(0x1f600 + random.nextInt(50));
      }
    }
    return text.toString();
  }
}
