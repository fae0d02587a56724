package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.config.TableLayer;
import io.splitflow.tools.generate.orders.OrderProtos;
import io.splitflow.tools.generate.orders.Orders;
import io.splitflow.tools.generate.orders.Orders.Order;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested orders (conf/orders.yaml) through the real broker and the three jobs, in JSON and in
 * Confluent Avro: versions out of order, re-sent, arriving late after a merge, malformed ones, a
 * delete. Gold must equal, value for value, the newest valid version of each order as the test
 * computes it from the orders' own model, and every raw record must be in bronze or in the dead
 * letters.
 */
@Timeout(600)
class OrdersIT {
  private static final int ORDERS = 30;
  private static final long BROKEN_ID = Orders.FIRST_ID + 2;
  @TempDir Path lake;

  @Test
  void jsonGoldHoldsTheNewestValidVersionOfEveryNestedOrder() throws Exception {
    Pipeline p = Pipeline.forConfig(lake, "orders.yaml", "orders");
    Scenario s = new Scenario(p, order -> bytes(Orders.text(Orders.json(order))));

    Order newer = s.newerThanItsOrder(BROKEN_ID);
    String truncated = Orders.text(Orders.json(newer)).substring(0, 40);
    ObjectNode wrongPrice = Orders.json(newer);
    wrongPrice.putArray("items").addObject().put("sku", "x").put("price", "abc");
    ObjectNode noSku = Orders.json(newer);
    noSku.putArray("items").addObject().put("qty", 1);
    ObjectNode unknown = Orders.json(newer);
    ((ObjectNode) unknown.get("customer")).put("vip", true);
    ObjectNode tooBig = Orders.json(newer);
    tooBig.put("total", new BigDecimal("12345678901.5"));
    ObjectNode noCustomerId = Orders.json(newer);
    ((ObjectNode) noCustomerId.get("customer")).remove("id");
    for (String json :
        List.of(
            truncated,
            Orders.text(wrongPrice),
            Orders.text(noSku),
            Orders.text(unknown),
            Orders.text(tooBig),
            Orders.text(noCustomerId))) {
      s.broken(bytes(json));
    }

    List<String> deadLetters = s.run();

    assertThat(deadLetters)
        .filteredOn(line -> line.startsWith("MALFORMED_JSON"))
        .singleElement()
        .asString()
        .startsWith("MALFORMED_JSON: malformed JSON: Unexpected end-of-input");
    assertThat(deadLetters)
        .filteredOn(line -> !line.startsWith("MALFORMED_JSON"))
        .containsExactlyInAnyOrder(
            "WRONG_TYPE: field 'items[0].price': expected decimal(10,2), found string \"abc\"",
            "MISSING_FIELD: required field 'items[0].sku' is missing",
            "UNKNOWN_FIELD: unknown field 'customer.vip' (not in the schema)",
            "OUT_OF_RANGE: field 'total': 12345678901.5 is out of range for decimal(12,2)",
            "MISSING_FIELD: required field 'customer.id' is missing");
  }

  @Test
  void confluentAvroGoldHoldsTheNewestValidVersionFromTwoWriterSchemas() throws Exception {
    Pipeline p = Pipeline.forConfig(lake, "orders.yaml", "orders_avro");
    Path registry = Path.of("..", "conf", "schemas", "orders-registry");
    Schema v1 = new Schema.Parser().parse(Files.readString(registry.resolve("1.avsc")));
    Schema v2 = new Schema.Parser().parse(Files.readString(registry.resolve("2.avsc")));
    // every other order from a newer writer, whose customer has a field the reader lacks
    Scenario s =
        new Scenario(
            p,
            order ->
                order.id() % 2 == 0
                    ? Orders.confluentAvro(1, v1, order)
                    : Orders.confluentAvro(2, v2, order));

    Order newer = s.newerThanItsOrder(BROKEN_ID);
    byte[] valid = Orders.confluentAvro(1, v1, newer);
    s.broken(java.util.Arrays.copyOf(valid, valid.length - 3)); // cut short
    byte[] unknownId = valid.clone();
    unknownId[4] = 99;
    s.broken(unknownId);
    byte[] noMagic = valid.clone();
    noMagic[0] = '{';
    s.broken(noMagic);
    s.broken(tooBigPrice(v1, newer));

    List<String> deadLetters = s.run();

    assertThat(deadLetters)
        .extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactlyInAnyOrder(
            "MALFORMED_AVRO", "UNKNOWN_SCHEMA_ID", "BAD_MAGIC_BYTE", "OUT_OF_RANGE");
    assertThat(deadLetters)
        .contains(
            "OUT_OF_RANGE: field 'items[0].price': 1000000000.00 is out of range for"
                + " decimal(10,2)");
  }

  @Test
  void confluentProtobufGoldHoldsTheNewestValidVersionOfEveryNestedOrder() throws Exception {
    Pipeline p = Pipeline.forConfig(lake, "orders.yaml", "orders_proto");
    Scenario s = new Scenario(p, order -> OrderProtos.confluent(1, order), OrderProtos::asStored);

    byte[] valid = OrderProtos.confluent(1, s.newerThanItsOrder(BROKEN_ID));
    s.broken(java.util.Arrays.copyOf(valid, valid.length - 3)); // cut inside the total's text
    byte[] noMagic = valid.clone();
    noMagic[0] = '{';
    s.broken(noMagic);
    byte[] noSuchMessage = valid.clone();
    noSuchMessage[5] = 2; // message indexes: one index (zig-zag 2) ...
    byte[] withIndex = new byte[valid.length + 1];
    System.arraycopy(noSuchMessage, 0, withIndex, 0, 6);
    withIndex[6] = 10; // ... index 5 (zig-zag 10): the file has one message
    System.arraycopy(valid, 6, withIndex, 7, valid.length - 6);
    s.broken(withIndex);

    List<String> deadLetters = s.run();

    assertThat(deadLetters)
        .extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactlyInAnyOrder("MALFORMED_PROTOBUF", "BAD_MAGIC_BYTE", "MALFORMED_PROTOBUF");
    assertThat(deadLetters).anyMatch(line -> line.contains("names no message"));
  }

  /** A line item whose price has more digits than decimal(10,2): raw decimal bytes. */
  private static byte[] tooBigPrice(Schema schema, Order order) {
    GenericRecord record =
        Orders.avro(
            schema,
            new Order(
                order.id(),
                order.updatedAt(),
                order.status(),
                order.customer(),
                List.of(new Orders.Item("sku-big", 1, new BigDecimal("1.00"))),
                order.tags(),
                order.attributes(),
                new BigDecimal("1.00")));
    GenericRecord item = (GenericRecord) ((List<?>) record.get("items")).get(0);
    // 1000000000.00 unscaled: a ByteBuffer is written as it is, past the decimal conversion
    item.put("price", ByteBuffer.wrap(new BigInteger("100000000000").toByteArray()));
    return Orders.confluentAvro(1, schema, record);
  }

  /**
   * Orders in versions through the pipeline: the first run gets most of them, out of order and
   * re-sent, a delete and the broken ones; the second the late versions and a new order.
   */
  private static final class Scenario {
    private final Pipeline p;
    private final Function<Order, byte[]> encode;
    private final UnaryOperator<Order> stored;
    private final Random random = new Random(16);
    private final Map<Long, Order> newest = new HashMap<>();
    private final List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>();
    private final List<ProducerRecord<byte[], byte[]>> late = new ArrayList<>();

    Scenario(Pipeline p, Function<Order, byte[]> encode) {
      this(p, encode, order -> order);
    }

    /** {@code stored}: the order as gold holds it after its format (protobuf has no nulls). */
    Scenario(Pipeline p, Function<Order, byte[]> encode, UnaryOperator<Order> stored) {
      this.p = p;
      this.encode = encode;
      this.stored = stored;
      for (int i = 0; i < ORDERS; i++) {
        long id = Orders.FIRST_ID + i;
        List<Order> versions = Orders.versions(random, id, 10 * i, 2 + random.nextInt(3));
        Order last = versions.get(versions.size() - 1);
        newest.put(id, last);
        List<Order> sent = new ArrayList<>(versions);
        if (i % 3 == 0) {
          // out of order: the newest version is sent first
          sent.sort(Comparator.comparing(Order::updatedAt).reversed());
        }
        sent.forEach(order -> first.add(record(id, encode.apply(order))));
        if (i % 4 == 0) {
          first.add(record(id, encode.apply(last))); // a re-send
        }
        if (i % 5 == 1) {
          // an older version that arrives after gold already has the newest one
          late.add(record(id, encode.apply(versions.get(0))));
        }
      }
    }

    /** A version of order {@code id} newer than its valid ones: gold would show it if kept. */
    Order newerThanItsOrder(long id) {
      return Orders.order(random, id, newest.get(id).updatedAt().plusSeconds(3600));
    }

    void broken(byte[] value) {
      first.add(record(BROKEN_ID, value));
    }

    /** Both runs, gold checked after each; the dead letters as "ERROR_CLASS: message". */
    List<String> run() throws Exception {
      // a delete of one order, sequenced by its Kafka timestamp (now, after every version)
      long deleted = Orders.FIRST_ID + 7;
      first.add(record(deleted, null));
      newest.remove(deleted);
      p.produce(first);
      p.runAll();
      assertGold();

      Order added =
          Orders.order(random, Orders.FIRST_ID + ORDERS, Instant.parse("2026-11-20T00:00:00Z"));
      newest.put(added.id(), added);
      late.add(record(added.id(), encode.apply(added)));
      p.produce(late);
      p.runAll();
      assertGold();

      assertThat(p.count(TableLayer.RAW))
          .isEqualTo(first.size() + late.size())
          .isEqualTo(p.count(TableLayer.BRONZE) + p.count(TableLayer.DEAD_LETTER));
      // and the audit, which recomputes gold from bronze on its own, agrees
      AuditAssertions.assertBalanced(p);
      return p
          .table(TableLayer.DEAD_LETTER)
          .select("error_class", "error_message")
          .collectAsList()
          .stream()
          .map(r -> r.getString(0) + ": " + r.getString(1))
          .toList();
    }

    private void assertGold() {
      Map<Long, List<Object>> gold = new TreeMap<>();
      for (Row row : p.table(TableLayer.GOLD).where("NOT _deleted").collectAsList()) {
        gold.put(row.getAs("order_id"), Orders.columns(row));
      }
      Map<Long, List<Object>> expected = new TreeMap<>();
      newest.forEach((id, order) -> expected.put(id, Orders.expected(stored.apply(order))));
      assertThat(gold).isEqualTo(expected);
    }

    private ProducerRecord<byte[], byte[]> record(long id, byte[] value) {
      return new ProducerRecord<>(p.topic, bytes(Long.toString(id)), value);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
