package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.TableLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known messages through the three jobs, twice: exact tables, nothing duplicated, gold forward
 * only.
 */
@Timeout(600)
class EndToEndIT {
  @TempDir Path lake;

  @Test
  void twoRoundsLandExactlyOnceAndGoldOnlyMovesForward() throws Exception {
    Pipeline p = new Pipeline(lake);
    ProducerRecord<byte[], byte[]> a1 = p.record(key("a"), json("a", 1.0, "C", "10:00:00.000"));
    p.produce(
        List.of(
            a1,
            p.record(key("b"), json("b", 2.0, "C", "10:00:00.000")),
            new ProducerRecord<>(p.topic, a1.key(), a1.value()), // re-delivery
            p.record(key("a"), json("a", 0.5, "C", "09:00:00.000")), // late
            p.record(key("x"), "{oops"),
            p.record(
                key("b"),
                json("b", 2.0, "C", "10:00:00.000").replace("\"value\":2.0", "\"value\":\"x\""))));

    p.runAll();

    assertThat(p.count(TableLayer.RAW)).isEqualTo(6);
    assertThat(bronzeValues(p))
        .containsExactlyInAnyOrder(
            tuple("a", 1.0), tuple("a", 1.0), tuple("a", 0.5), tuple("b", 2.0));
    assertThat(deadLetterClasses(p)).containsExactlyInAnyOrder("MALFORMED_JSON", "WRONG_TYPE");
    assertThat(gold(p)).containsExactly(tuple("a", 1.0, "10:00"), tuple("b", 2.0, "10:00"));
    Map<String, Row> firstSequences = sequences(p);

    p.produce(
        List.of(
            p.record(key("a"), json("a", 3.0, "C", "11:00:00.000")),
            p.record(key("b"), json("b", 9.0, "C", "09:30:00.000")), // older than gold's b
            p.record(key("c"), json("c", 4.0, null, "10:00:00.000")),
            p.record(key("c"), "{\"sensor_id\":\"c\",\"reading_date\":\"2026-11-27\"}")));

    p.runAll();

    assertThat(p.count(TableLayer.RAW)).isEqualTo(10);
    assertThat(bronzeValues(p))
        .hasSize(7)
        .contains(tuple("a", 3.0), tuple("b", 9.0), tuple("c", 4.0));
    assertThat(deadLetterClasses(p))
        .containsExactlyInAnyOrder("MALFORMED_JSON", "WRONG_TYPE", "MISSING_FIELD");
    assertThat(gold(p))
        .containsExactly(
            tuple("a", 3.0, "11:00"), tuple("b", 2.0, "10:00"), tuple("c", 4.0, "10:00"));
    Map<String, Row> secondSequences = sequences(p);
    for (Map.Entry<String, Row> first : firstSequences.entrySet()) {
      java.sql.Timestamp before = first.getValue().getAs("event_time");
      java.sql.Timestamp after = secondSequences.get(first.getKey()).getAs("event_time");
      assertThat(after).as("gold sequence of %s", first.getKey()).isAfterOrEqualTo(before);
    }

    p.runAll();
    assertThat(p.count(TableLayer.BRONZE))
        .as("a run with nothing new changes nothing")
        .isEqualTo(7);
    assertThat(p.count(TableLayer.DEAD_LETTER)).isEqualTo(3);
    assertThat(p.count(TableLayer.GOLD)).isEqualTo(3);
    AuditAssertions.assertBalanced(p);
  }

  private static List<org.assertj.core.groups.Tuple> bronzeValues(Pipeline p) {
    return p.table(TableLayer.BRONZE).collectAsList().stream()
        .map(r -> tuple(r.getAs("sensor_id"), r.getAs("value")))
        .toList();
  }

  private static List<String> deadLetterClasses(Pipeline p) {
    return p.table(TableLayer.DEAD_LETTER).collectAsList().stream()
        .map(r -> r.<String>getAs("error_class"))
        .toList();
  }

  private static List<org.assertj.core.groups.Tuple> gold(Pipeline p) {
    return p.table(TableLayer.GOLD).orderBy("sensor_id").collectAsList().stream()
        .map(
            r ->
                tuple(
                    r.getAs("sensor_id"),
                    r.getAs("value"),
                    r.<java.sql.Timestamp>getAs("event_time")
                        .toInstant()
                        .toString()
                        .substring(11, 16)))
        .toList();
  }

  private static Map<String, Row> sequences(Pipeline p) {
    return p.table(TableLayer.GOLD).collectAsList().stream()
        .collect(
            Collectors.toMap(r -> r.<String>getAs("sensor_id"), r -> r.<Row>getAs("_sequence")));
  }
}
