package io.splitflow.tools.generate.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.tools.generate.Message;
import io.splitflow.tools.generate.MessageKind;
import io.splitflow.tools.generate.orders.Orders.Order;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Orders for the demo: each order in two to four versions, some sent newest first, some re-sent,
 * about one message in thirty broken in one of the ways a producer breaks nested data (a truncated
 * document, a price that is not a number, a line item without its sku, a customer without its id, a
 * total too large for its decimal). Every broken message carries a version newer than the order's
 * valid ones, so gold would show it if it got through.
 */
public final class OrderGenerator {

  /** The messages and what gold must hold after them. */
  public record Generated(
      List<Message> messages, Map<Long, Order> newest, Map<MessageKind, Long> counts) {

    public long invalid() {
      return counts.entrySet().stream()
          .filter(e -> !e.getKey().decodes())
          .mapToLong(Map.Entry::getValue)
          .sum();
    }
  }

  private OrderGenerator() {}

  /** About {@code messages} messages (whole orders: a few more or less), from {@code seed}. */
  public static Generated generate(long messages, long seed) {
    Random random = new Random(seed);
    List<Message> out = new ArrayList<>();
    Map<Long, Order> newest = new HashMap<>();
    Map<MessageKind, Long> counts = new EnumMap<>(MessageKind.class);
    for (long id = Orders.FIRST_ID; out.size() < messages; id++) {
      int minute = (int) ((id - Orders.FIRST_ID) % 20_000);
      List<Order> versions = Orders.versions(random, id, minute, 2 + random.nextInt(3));
      Order last = versions.get(versions.size() - 1);
      newest.put(id, last);
      List<Order> sent = new ArrayList<>(versions);
      if (random.nextInt(3) == 0) {
        Collections.reverse(sent); // newest first: the merge must keep it anyway
      }
      for (Order order : sent) {
        add(out, counts, id, Orders.text(Orders.json(order)), MessageKind.VALID);
      }
      if (random.nextInt(5) == 0) {
        add(out, counts, id, Orders.text(Orders.json(last)), MessageKind.DUPLICATE);
      }
      if (random.nextInt(10) == 0) {
        Order newer = Orders.order(random, id, last.updatedAt().plusSeconds(30));
        broken(random, out, counts, id, Orders.json(newer));
      }
    }
    return new Generated(out, newest, counts);
  }

  private static void broken(
      Random random, List<Message> out, Map<MessageKind, Long> counts, long id, ObjectNode newer) {
    switch (random.nextInt(5)) {
      case 0 -> {
        String text = Orders.text(newer);
        add(out, counts, id, text.substring(0, text.length() / 2), MessageKind.MALFORMED);
      }
      case 1 -> {
        newer.putArray("items").addObject().put("sku", "x").put("price", "12,50");
        add(out, counts, id, Orders.text(newer), MessageKind.WRONG_TYPE);
      }
      case 2 -> {
        newer.putArray("items").addObject().put("qty", 1);
        add(out, counts, id, Orders.text(newer), MessageKind.MISSING_FIELD);
      }
      case 3 -> {
        ((ObjectNode) newer.get("customer")).remove("id");
        add(out, counts, id, Orders.text(newer), MessageKind.MISSING_FIELD);
      }
      default -> {
        newer.put("total", new BigDecimal("98765432109.99"));
        // out of range for decimal(12,2): counted with the wrong types
        add(out, counts, id, Orders.text(newer), MessageKind.WRONG_TYPE);
      }
    }
  }

  private static void add(
      List<Message> out, Map<MessageKind, Long> counts, long id, String json, MessageKind kind) {
    out.add(
        new Message(
            Long.toString(id).getBytes(StandardCharsets.UTF_8),
            json.getBytes(StandardCharsets.UTF_8),
            kind));
    counts.merge(kind, 1L, Long::sum);
  }
}
