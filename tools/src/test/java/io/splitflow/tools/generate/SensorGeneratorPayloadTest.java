package io.splitflow.tools.generate;

import static io.splitflow.tools.generate.GeneratedSample.JSON;
import static io.splitflow.tools.generate.GeneratedSample.SETTINGS;
import static io.splitflow.tools.generate.GeneratedSample.text;
import static io.splitflow.tools.generate.GeneratedSample.tryParse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bytes of each kind, checked with Jackson as the deserialize job would see them. */
class SensorGeneratorPayloadTest {

  private static GeneratedSample sample;

  @BeforeAll
  static void generate() {
    sample = GeneratedSample.of(SETTINGS);
  }

  @Test
  void decodableMessagesHaveTheFiveFieldsWithTheRightJsonTypesAndAMatchingKey() throws Exception {
    int nullValues = 0;
    int nullUnits = 0;
    for (Message m : sample.messages) {
      if (!m.kind().decodes()) {
        continue;
      }
      JsonNode node = JSON.readTree(m.value());
      assertThat(node.isObject()).as(text(m)).isTrue();
      assertThat(node.size()).as(text(m)).isEqualTo(5);
      assertThat(node.get("sensor_id").isTextual()).as(text(m)).isTrue();
      assertThat(LocalDate.parse(node.get("reading_date").textValue())).isNotNull();
      assertThat(node.get("value").isNumber() || node.get("value").isNull()).as(text(m)).isTrue();
      assertThat(node.get("unit").isTextual() || node.get("unit").isNull()).as(text(m)).isTrue();
      assertThat(node.get("event_time").textValue())
          .as(text(m))
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
      assertThat(new String(m.key(), StandardCharsets.UTF_8))
          .as(text(m))
          .isEqualTo(
              node.get("sensor_id").textValue() + "|" + node.get("reading_date").textValue());
      nullValues += node.get("value").isNull() ? 1 : 0;
      nullUnits += node.get("unit").isNull() ? 1 : 0;
    }
    // ~2% of about 15,000 VALID readings (and of their duplicates) carry a null value or unit
    assertThat(nullValues).isBetween(150, 500);
    assertThat(nullUnits).isBetween(150, 500);
  }

  @Test
  void malformedMessagesAreNotJsonObjects() {
    Set<String> shapes = new HashSet<>();
    for (Message m : sample.ofKind(MessageKind.MALFORMED)) {
      JsonNode node = tryParse(m.value());
      assertThat(node == null || !node.isObject()).as(text(m)).isTrue();
      shapes.add(node == null ? "not JSON" : node.getNodeType().name());
    }
    assertThat(shapes).containsExactlyInAnyOrder("not JSON", "ARRAY");
  }

  @Test
  void missingFieldMessagesLackExactlyOneRequiredField() throws Exception {
    Set<String> missing = new HashSet<>();
    for (Message m : sample.ofKind(MessageKind.MISSING_FIELD)) {
      JsonNode node = JSON.readTree(m.value());
      assertThat(node.isObject()).as(text(m)).isTrue();
      List<String> absent = new ArrayList<>();
      for (String field : List.of("sensor_id", "reading_date", "event_time")) {
        if (!node.has(field)) {
          absent.add(field);
        }
      }
      assertThat(absent).as(text(m)).hasSize(1);
      missing.addAll(absent);
    }
    assertThat(missing).containsExactlyInAnyOrder("sensor_id", "reading_date", "event_time");
  }

  @Test
  void wrongTypeMessagesHaveOneFieldOfTheWrongType() throws Exception {
    Set<String> wrong = new HashSet<>();
    for (Message m : sample.ofKind(MessageKind.WRONG_TYPE)) {
      JsonNode node = JSON.readTree(m.value());
      List<String> bad = new ArrayList<>();
      if (!node.get("sensor_id").isTextual()) {
        bad.add("sensor_id");
      }
      // still a JSON string, but not an ISO date, so it cannot be a DATE
      if (!node.get("reading_date").textValue().matches("\\d{4}-\\d{2}-\\d{2}")) {
        bad.add("reading_date");
      }
      if (!node.get("value").isNumber() && !node.get("value").isNull()) {
        bad.add("value");
      }
      assertThat(node.get("event_time").isTextual()).as(text(m)).isTrue();
      assertThat(bad).as(text(m)).hasSize(1);
      wrong.addAll(bad);
    }
    assertThat(wrong).containsExactlyInAnyOrder("sensor_id", "reading_date", "value");
  }
}
