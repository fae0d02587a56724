package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.config.TableLayer;
import io.splitflow.tools.generate.orders.Orders;
import io.splitflow.tools.generate.orders.Orders.Order;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested orders (conf/orders.yaml) through the real broker and the three jobs: versions out of
 * order, re-sent, arriving late after a merge, malformed ones, a delete. Gold must equal, value for
 * value, the newest valid version of each order as the test computes it from its own model, and
 * every raw record must be in bronze or in the dead letters.
 */
@Timeout(600)
class OrdersIT {
  private static final int ORDERS = 30;
  @TempDir Path lake;

  @Test
  void goldHoldsTheNewestValidVersionOfEveryNestedOrder() throws Exception {
    Pipeline p = Pipeline.forConfig(lake, "orders.yaml", "orders");
    Random random = new Random(16);
    Map<Long, Order> newest = new HashMap<>();
    List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>();
    List<ProducerRecord<byte[], byte[]>> late = new ArrayList<>();

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
      for (Order order : sent) {
        first.add(record(p, id, Orders.text(Orders.json(order))));
      }
      if (i % 4 == 0) {
        first.add(record(p, id, Orders.text(Orders.json(last)))); // a re-send
      }
      if (i % 5 == 1) {
        // an older version that arrives after gold already has the newest one
        late.add(record(p, id, Orders.text(Orders.json(versions.get(0)))));
      }
    }
    // newer versions that fail to decode never reach gold; each says why
    Order base = newest.get(Orders.FIRST_ID + 2);
    Order newer = Orders.order(random, base.id(), base.updatedAt().plusSeconds(3600));
    broken(p, first, Orders.text(Orders.json(newer)).substring(0, 40));
    ObjectNode wrongPrice = Orders.json(newer);
    wrongPrice.putArray("items").addObject().put("sku", "x").put("price", "abc");
    broken(p, first, Orders.text(wrongPrice));
    ObjectNode noSku = Orders.json(newer);
    noSku.putArray("items").addObject().put("qty", 1);
    broken(p, first, Orders.text(noSku));
    ObjectNode unknown = Orders.json(newer);
    ((ObjectNode) unknown.get("customer")).put("vip", true);
    broken(p, first, Orders.text(unknown));
    ObjectNode tooBig = Orders.json(newer);
    tooBig.put("total", new java.math.BigDecimal("12345678901.5"));
    broken(p, first, Orders.text(tooBig));
    ObjectNode noCustomerId = Orders.json(newer);
    ((ObjectNode) noCustomerId.get("customer")).remove("id");
    broken(p, first, Orders.text(noCustomerId));
    // a delete of one order, sequenced by its Kafka timestamp (now, after every version)
    long deleted = Orders.FIRST_ID + 7;
    first.add(record(p, deleted, null));
    newest.remove(deleted);

    p.produce(first);
    p.runAll();
    assertGold(p, newest);

    // a second run: late versions and a new order, merged into the gold of the first
    Order added =
        Orders.order(random, Orders.FIRST_ID + ORDERS, Instant.parse("2026-11-20T00:00:00Z"));
    newest.put(added.id(), added);
    late.add(record(p, added.id(), Orders.text(Orders.json(added))));
    p.produce(late);
    p.runAll();
    assertGold(p, newest);

    List<String> deadLetters =
        p
            .table(TableLayer.DEAD_LETTER)
            .select("error_class", "error_message")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0) + ": " + r.getString(1))
            .toList();
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
    assertThat(p.count(TableLayer.RAW))
        .isEqualTo(first.size() + late.size())
        .isEqualTo(p.count(TableLayer.BRONZE) + p.count(TableLayer.DEAD_LETTER));
  }

  private static void assertGold(Pipeline p, Map<Long, Order> newest) {
    Map<Long, List<Object>> gold = new TreeMap<>();
    for (Row row : p.table(TableLayer.GOLD).where("NOT _deleted").collectAsList()) {
      gold.put(row.getAs("order_id"), Orders.columns(row));
    }
    Map<Long, List<Object>> expected = new TreeMap<>();
    newest.forEach((id, order) -> expected.put(id, Orders.expected(order)));
    assertThat(gold).isEqualTo(expected);
  }

  private static void broken(
      Pipeline p, List<ProducerRecord<byte[], byte[]>> records, String json) {
    records.add(
        new ProducerRecord<>(
            p.topic,
            Long.toString(Orders.FIRST_ID + 2).getBytes(StandardCharsets.UTF_8),
            json.getBytes(StandardCharsets.UTF_8)));
  }

  private static ProducerRecord<byte[], byte[]> record(Pipeline p, long id, String json) {
    return new ProducerRecord<>(
        p.topic,
        Long.toString(id).getBytes(StandardCharsets.UTF_8),
        json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }
}
