package io.splitflow.tools.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated run shared by the generator tests, plus an independent decoder to check it with.
 */
final class GeneratedSample {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int N = 20_000;

  /** Heavier than the defaults so every kind shows up often enough to measure. */
  static final GeneratorSettings SETTINGS =
      GeneratorSettings.defaults(N).withShares(0.04, 0.03, 0.03, 0.08, 0.07);

  final List<Message> messages;
  final Expectation expectation;

  private GeneratedSample(List<Message> messages, Expectation expectation) {
    this.messages = messages;
    this.expectation = expectation;
  }

  static GeneratedSample of(GeneratorSettings settings) {
    SensorGenerator generator = new SensorGenerator(settings);
    List<Message> messages = new ArrayList<>();
    generator.forEachRemaining(messages::add);
    return new GeneratedSample(messages, generator.expectation());
  }

  List<Message> ofKind(MessageKind kind) {
    return messages.stream().filter(m -> m.kind() == kind).toList();
  }

  /** Decodes a message the way the deserialize job is meant to: with Jackson, not with Payloads. */
  static Reading decode(Message m) throws IOException {
    JsonNode node = JSON.readTree(m.value());
    JsonNode value = node.get("value");
    JsonNode unit = node.get("unit");
    return new Reading(
        node.get("sensor_id").textValue(),
        LocalDate.parse(node.get("reading_date").textValue()),
        value.isNull() ? null : value.doubleValue(),
        unit.isNull() ? null : unit.textValue(),
        Instant.parse(node.get("event_time").textValue()));
  }

  /** The parsed value, or null when it is not JSON at all. */
  static JsonNode tryParse(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      return null;
    }
  }

  static String text(Message m) {
    return new String(m.value(), StandardCharsets.UTF_8);
  }
}
