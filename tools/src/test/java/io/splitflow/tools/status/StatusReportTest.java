package io.splitflow.tools.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure parts of status: lag arithmetic, freshness verdicts and the two formats. */
class StatusReportTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void kafkaLagIsEndMinusNextPerPartitionAndEarliestForUnreadPartitions() {
    Map<String, Long> end = Map.of("p0", 100L, "p1", 50L, "p2", 30L);
    Map<String, Long> next = Map.of("p0", 90L, "p1", 60L);
    Map<String, Long> earliest = Map.of("p0", 0L, "p1", 0L, "p2", 20L);

    // p0: 10 behind; p1: truncated below ingest's position, 0; p2: unread, 30 - 20
    assertThat(Lag.kafkaRecords(end, next, earliest)).isEqualTo(20);
    assertThat(Lag.kafkaRecords(end, Map.of(), Map.of())).isEqualTo(180);
  }

  @Test
  void versionsBehindCountFromTheLastProcessedVersion() {
    assertThat(Lag.versionsBehind(7, 7)).isZero();
    assertThat(Lag.versionsBehind(7, 4)).isEqualTo(3);
    assertThat(Lag.versionsBehind(7, -1)).isEqualTo(8);
    assertThat(Lag.versionsBehind(-1, -1)).isZero();
  }

  @Test
  void freshnessIsLateOnlyWhenOlderThanItsSlo() {
    Instant newest = NOW.minusSeconds(300);
    Optional<Duration> slo = Optional.of(Duration.ofMinutes(10));

    assertThat(new Freshness(Optional.of(newest), slo, NOW).verdict()).isEqualTo(Freshness.OK);
    assertThat(new Freshness(Optional.of(newest), Optional.of(Duration.ofMinutes(4)), NOW).late())
        .isTrue();
    assertThat(new Freshness(Optional.of(newest), Optional.empty(), NOW).verdict())
        .isEqualTo(Freshness.NO_SLO);
    assertThat(new Freshness(Optional.empty(), slo, NOW).verdict()).isEqualTo(Freshness.NO_DATA);
    assertThat(new Freshness(Optional.empty(), slo, NOW).late()).isFalse();
    assertThat(new Freshness(Optional.of(NOW.plusSeconds(5)), slo, NOW).age())
        .hasValue(Duration.ZERO);
  }

  @Test
  void durationsReadShort() {
    assertThat(StatusReport.duration(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(StatusReport.duration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(StatusReport.duration(Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(StatusReport.duration(Duration.ofMinutes(125))).isEqualTo("2h05m");
    assertThat(StatusReport.duration(Duration.ofHours(76))).isEqualTo("3d04h");
  }

  @Test
  void theTableAndTheJsonSayTheSame() throws Exception {
    DatasetStatus status = sample();

    String text = StatusReport.text(List.of(status), NOW);
    JsonNode json = new ObjectMapper().readTree(StatusReport.json(List.of(status), NOW));

    assertThat(text)
        .contains(
            "orders   ingest  #7 2025-03-01 11:59:00Z (1m00s ago)  40    3 records behind kafka    "
                + "          error 2025-03-01 11:59:30Z (30s ago)")
        .contains("         merge   none    ")
        .contains("2 records, 1 version behind bronze")
        .contains(
            "orders: newest record in gold 20m00s old (Kafka time 2025-03-01 11:40:00Z), slo"
                + " 15m00s: LATE; dead letters in the last 24h: 4");
    assertThat(json.path("late").asBoolean()).isTrue();
    JsonNode orders = json.path("datasets").get(0);
    assertThat(orders.path("jobs").get(0).path("lag").path("records").asLong()).isEqualTo(3);
    assertThat(orders.path("jobs").get(0).path("last_event").path("event").asText())
        .isEqualTo("error");
    assertThat(orders.path("jobs").get(1).has("last_batch")).isFalse();
    assertThat(orders.path("freshness").path("age_seconds").asLong()).isEqualTo(1200);
    assertThat(orders.path("freshness").path("verdict").asText()).isEqualTo("LATE");
    assertThat(orders.path("dead_letters_24h").asLong()).isEqualTo(4);
  }

  private static DatasetStatus sample() {
    JobStatus ingest =
        new JobStatus(
            "ingest",
            Optional.of(new JobStatus.LastBatch(NOW.minusSeconds(60), 7, 40L, "event-log")),
            Optional.of(new JobStatus.LastEvent(NOW.minusSeconds(30), "error", "broker down")),
            new Lag("kafka", 3L, null, null));
    JobStatus merge =
        new JobStatus("merge", Optional.empty(), Optional.empty(), new Lag("bronze", 2L, 1L, null));
    return new DatasetStatus(
        "orders",
        List.of(ingest, merge),
        4L,
        new Freshness(
            Optional.of(NOW.minusSeconds(1200)), Optional.of(Duration.ofMinutes(15)), NOW));
  }
}
