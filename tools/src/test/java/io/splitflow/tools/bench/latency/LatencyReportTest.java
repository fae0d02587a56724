package io.splitflow.tools.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyReportTest {
  @TempDir Path dir;

  static LatencyResult result(Percentiles first, Percentiles last, double drain) {
    GoldLatencies.Lake lake =
        new GoldLatencies.Lake(new double[] {1, 2, 3, 4}, 4, 4, 4, 0, 0, 0, 2);
    Percentiles all = Percentiles.of(lake.latencySeconds());
    return new LatencyResult(
        Instant.parse("2026-12-07T10:00:00Z"),
        150,
        Map.of("cores", 2, "cpu", "test CPU", "memory_bytes", 8L << 30, "os", "Linux"),
        Map.of("java", "17", "spark", "4.2.0", "delta", "4.4.0", "kafka_clients", "3.9.2"),
        Map.of("mode", "latency", "load_average_at_start", 1.5, "load_average_at_end", 2.0),
        4,
        2.0,
        all,
        first,
        last,
        1,
        3,
        drain,
        2.0,
        lake.goldCommits(),
        List.of(
            new LatencyResult.JobCpu("ingest", 2.0, 20.0, 2),
            new LatencyResult.JobCpu("deserialize", 3.0, 30.0, 2),
            new LatencyResult.JobCpu("merge", 4.0, 40.0, 2)),
        0.5,
        LatencyChecks.of(4, lake, all));
  }

  static LatencyResult steady() {
    return result(Percentiles.of(new double[] {3}), Percentiles.of(new double[] {4}), 5.0);
  }

  @Test
  void jsonHasTheLatencySectionBesideTheBenchsHead() throws Exception {
    LatencyReport.write(steady(), dir);

    JsonNode root = new ObjectMapper().readTree(dir.resolve("bench.json").toFile());
    assertThat(root.path("started").asText()).isEqualTo("2026-12-07T10:00:00Z");
    assertThat(root.path("machine").path("cores").asInt()).isEqualTo(2);
    assertThat(root.path("settings").path("mode").asText()).isEqualTo("latency");
    JsonNode latency = root.path("latency");
    assertThat(latency.path("produced").asLong()).isEqualTo(4);
    assertThat(latency.path("reached_gold").asLong()).isEqualTo(4);
    assertThat(latency.path("latency_seconds").path("p50").asDouble()).isEqualTo(2.0);
    assertThat(latency.path("latency_seconds").path("p95").asDouble()).isEqualTo(4.0);
    assertThat(latency.path("latency_seconds").path("max").asDouble()).isEqualTo(4.0);
    assertThat(latency.path("backlog_at_end_of_production").asLong()).isEqualTo(3);
    assertThat(latency.path("ingest_kafka_lag_at_end_of_production").asLong()).isEqualTo(3);
    assertThat(latency.path("drain_seconds").asDouble()).isEqualTo(5.0);
    assertThat(latency.path("lag_grew").asBoolean()).isFalse();
    assertThat(latency.path("jobs")).hasSize(3);
    assertThat(latency.path("jobs").get(2).path("cpu_seconds_per_1000_records").asDouble())
        .isEqualTo(1000.0);
    assertThat(latency.path("jobs_cpu_seconds").asDouble()).isEqualTo(9.0);
    assertThat(latency.path("passed").asBoolean()).isTrue();
  }

  @Test
  void markdownShowsPercentilesCpuAndChecks() {
    String md = LatencyReport.markdown(steady());

    assertThat(md)
        .contains("# splitflow bench: end-to-end latency")
        .contains("load average 1.5 at the start, 2.0 at the end")
        .contains("| all | 4 | 4 | 2.00 | 4.00 | 4.00 | 4.00 | 2.50 |")
        .contains("| merge | 4.00 | 1,000 | 40.0 | 2 |")
        .contains("| the three | 9.00 | 2,250 | 90.0 |  |")
        .contains("Lag grew: no.")
        .contains("- [ok] every record reached gold once");
  }

  @Test
  void lagGrewWhenTheLastQuarterWaitsMoreThanThreeIntervalsLongerOrGoldNeverCaughtUp() {
    Percentiles fast = Percentiles.of(new double[] {3});

    assertThat(result(fast, Percentiles.of(new double[] {9}), 5.0).lagGrew()).isFalse();
    assertThat(result(fast, Percentiles.of(new double[] {9.5}), 5.0).lagGrew()).isTrue();
    assertThat(result(fast, fast, Double.NaN).lagGrew()).isTrue();
    assertThat(
            LatencyReport.json(result(fast, fast, Double.NaN))
                .path("latency")
                .path("drain_seconds")
                .isNull())
        .isTrue();
  }

  @Test
  void aMissingOrDuplicatedRecordFailsTheChecks() {
    GoldLatencies.Lake missing =
        new GoldLatencies.Lake(new double[] {1, 2, 3}, 3, 3, 3, 0, 0, 0, 1);
    GoldLatencies.Lake twice =
        new GoldLatencies.Lake(new double[] {1, 2, 3, 4}, 4, 3, 4, 1, 0, 0, 1);

    assertThat(Check.all(LatencyChecks.of(4, missing, Percentiles.of(missing.latencySeconds()))))
        .isFalse();
    assertThat(Check.all(LatencyChecks.of(4, twice, Percentiles.of(twice.latencySeconds()))))
        .isFalse();
    assertThat(
            LatencyChecks.of(4, missing, Percentiles.of(missing.latencySeconds())).get(0).detail())
        .isEqualTo(
            "4 produced; gold has 3 rows of 3 keys; change feed: 3 inserts, 0 other changes");
  }
}
