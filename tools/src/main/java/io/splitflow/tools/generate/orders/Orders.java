package io.splitflow.tools.generate.orders;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * The orders of conf/orders.yaml as a model of their own: random versions (unicode names, ids
 * beyond 2^53, null and empty nested values, maps in random key order), their JSON, and the value
 * gold must hold for each, computed here without the jobs' code (the demo and the tests check gold
 * against it).
 */
public final class Orders {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  /** Beyond 2^53: a double could not hold these ids. */
  public static final long FIRST_ID = (1L << 53) + 1;

  private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
  private static final String[] NAMES = {"Ada", "Zoë", "Þórr", "李雷", "O'Brien", "\"quoted\""};
  private static final String[] CITIES = {"Oslo", "Kraków", "São Paulo", "東京"};
  private static final String[] STATUSES = {"placed", "paid", "shipped", "delivered"};

  public record Address(String street, String city, String country) {}

  public record Customer(long id, String name, Address address) {}

  public record Item(String sku, Integer qty, BigDecimal price) {}

  public record Order(
      long id,
      Instant updatedAt,
      String status,
      Customer customer,
      List<Item> items,
      List<String> tags,
      Map<String, String> attributes,
      BigDecimal total) {}

  private Orders() {}

  /** {@code count} versions of order {@code id}, a minute apart from {@code minute} on. */
  public static List<Order> versions(Random random, long id, int minute, int count) {
    List<Order> versions = new ArrayList<>();
    for (int v = 0; v < count; v++) {
      versions.add(order(random, id, BASE.plusSeconds(60L * (minute + v) + random.nextInt(59))));
    }
    return versions;
  }

  public static Order order(Random random, long id, Instant at) {
    Address address =
        random.nextInt(5) == 0
            ? null
            : new Address(
                random.nextInt(4) == 0 ? null : "Street " + random.nextInt(100),
                CITIES[random.nextInt(CITIES.length)],
                "NO");
    Customer customer = new Customer(id % 1000, NAMES[random.nextInt(NAMES.length)], address);
    List<Item> items = new ArrayList<>();
    int itemCount = random.nextInt(4); // 0: an empty array
    for (int i = 0; i < itemCount; i++) {
      items.add(
          new Item(
              "sku-" + random.nextInt(50),
              random.nextInt(6) == 0 ? null : 1 + random.nextInt(9),
              BigDecimal.valueOf(random.nextInt(100_000), 2)));
    }
    List<String> tags =
        random.nextInt(4) == 0
            ? null
            : new ArrayList<>(List.of("t" + random.nextInt(3), "ünï" + random.nextInt(3)))
                .subList(0, random.nextInt(3));
    Map<String, String> attributes = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(List.of("color", "gift", "channel", "z-last", "a-first"));
    Collections.shuffle(keys, random); // the same map in another key order is the same value
    for (String key : keys.subList(0, random.nextInt(keys.size()))) {
      attributes.put(key, random.nextInt(5) == 0 ? null : key + "-" + random.nextInt(3));
    }
    BigDecimal total =
        items.stream()
            .map(
                item ->
                    item.price().multiply(BigDecimal.valueOf(item.qty() == null ? 1 : item.qty())))
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .setScale(2, RoundingMode.UNNECESSARY);
    return new Order(
        id,
        at,
        STATUSES[random.nextInt(STATUSES.length)],
        customer,
        items,
        tags,
        random.nextInt(6) == 0 ? null : attributes,
        total);
  }

  /** The order as its producer writes it. */
  public static ObjectNode json(Order order) {
    ObjectNode node = JSON.createObjectNode();
    node.put("order_id", order.id());
    node.put("updated_at", order.updatedAt().toString());
    node.put("status", order.status());
    ObjectNode customer = node.putObject("customer");
    customer.put("id", order.customer().id());
    customer.put("name", order.customer().name());
    Address address = order.customer().address();
    if (address == null) {
      customer.putNull("address");
    } else {
      ObjectNode a = customer.putObject("address");
      a.put("street", address.street());
      a.put("city", address.city());
      a.put("country", address.country());
    }
    ArrayNode items = node.putArray("items");
    for (Item item : order.items()) {
      ObjectNode i = items.addObject();
      i.put("sku", item.sku());
      if (item.qty() != null) {
        i.put("qty", item.qty());
      }
      i.put("price", item.price());
    }
    if (order.tags() != null) {
      ArrayNode tags = node.putArray("tags");
      order.tags().forEach(tags::add);
    }
    if (order.attributes() != null) {
      ObjectNode attributes = node.putObject("attributes");
      order.attributes().forEach(attributes::put);
    }
    node.put("total", order.total());
    return node;
  }

  /**
   * The order as a Confluent-framed Avro producer writes it with {@code schema} (conf's order.avsc,
   * or a newer writer's with more fields, left at their defaults) under {@code id}.
   */
  public static byte[] confluentAvro(int id, Schema schema, Order order) {
    return confluentAvro(id, schema, avro(schema, order));
  }

  /** A record of {@code schema} framed as Confluent's Avro serializer frames it. */
  public static byte[] confluentAvro(int id, Schema schema, GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(0);
      out.write(ByteBuffer.allocate(4).putInt(id).array());
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(schema, AVRO).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The order as a record of {@code schema}, decimals as BigDecimal. */
  public static GenericRecord avro(Schema schema, Order order) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("order_id", order.id());
    record.put(
        "updated_at",
        order.updatedAt().getEpochSecond() * 1_000_000 + order.updatedAt().getNano() / 1_000);
    record.put("status", order.status());
    Schema customerSchema = schema.getField("customer").schema();
    GenericRecord customer = new GenericData.Record(customerSchema);
    customer.put("id", order.customer().id());
    customer.put("name", order.customer().name());
    Address address = order.customer().address();
    if (address != null) {
      GenericRecord a = new GenericData.Record(branch(customerSchema.getField("address").schema()));
      a.put("street", address.street());
      a.put("city", address.city());
      a.put("country", address.country());
      customer.put("address", a);
    }
    record.put("customer", customer);
    Schema itemSchema = schema.getField("items").schema().getElementType();
    List<GenericRecord> items = new ArrayList<>();
    for (Item item : order.items()) {
      GenericRecord i = new GenericData.Record(itemSchema);
      i.put("sku", item.sku());
      i.put("qty", item.qty());
      i.put("price", item.price());
      items.add(i);
    }
    record.put("items", items);
    record.put("tags", order.tags());
    record.put("attributes", order.attributes());
    record.put("total", order.total());
    return record;
  }

  private static Schema branch(Schema union) {
    return union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().get();
  }

  /** Avro's data model with the decimal conversion, so BigDecimal fields are written as bytes. */
  private static final GenericData AVRO = new GenericData();

  static {
    AVRO.addLogicalTypeConversion(new Conversions.DecimalConversion());
  }

  public static String text(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Gold's business columns of {@code order}, as {@link #columns} reads them from a gold row. */
  public static List<Object> expected(Order order) {
    Address a = order.customer().address();
    List<Object> items = new ArrayList<>();
    for (Item item : order.items()) {
      items.add(Arrays.asList(item.sku(), item.qty(), plain(item.price())));
    }
    Map<String, Object> attributes = null;
    if (order.attributes() != null) {
      attributes = new TreeMap<>(order.attributes());
    }
    return Arrays.asList(
        order.id(),
        order.updatedAt(),
        order.status(),
        Arrays.asList(
            order.customer().id(),
            order.customer().name(),
            a == null ? null : Arrays.asList(a.street(), a.city(), a.country())),
        items,
        order.tags(),
        attributes,
        plain(order.total()));
  }

  public static final String[] COLUMNS = {
    "order_id", "updated_at", "status", "customer", "items", "tags", "attributes", "total"
  };

  /** A gold row's business columns as plain Java values: lists for structs and arrays. */
  public static List<Object> columns(Row row) {
    List<Object> values = new ArrayList<>();
    for (String column : COLUMNS) {
      values.add(plainValue(row.get(row.fieldIndex(column))));
    }
    return values;
  }

  private static Object plainValue(Object value) {
    if (value instanceof Row row) {
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        fields.add(plainValue(row.get(i)));
      }
      return fields;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      List<Object> elements = new ArrayList<>();
      JavaConverters.seqAsJavaList(seq).forEach(e -> elements.add(plainValue(e)));
      return elements;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> entries = new TreeMap<>();
      JavaConverters.mapAsJavaMap(map).forEach((k, v) -> entries.put(k, plainValue(v)));
      return entries;
    }
    if (value instanceof BigDecimal decimal) {
      return plain(decimal);
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    return value;
  }

  private static String plain(BigDecimal decimal) {
    return decimal.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }
}
