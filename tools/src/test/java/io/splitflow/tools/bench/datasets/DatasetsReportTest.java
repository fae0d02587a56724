package io.splitflow.tools.bench.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitflow.tools.bench.latency.Check;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetsReportTest {

  static DatasetsResult result(double mergeWall, boolean goldComplete) {
    Map<String, Long> ten = new LinkedHashMap<>(Map.of("ds_01", 10L));
    ten.put("ds_02", 10L);
    Map<String, Long> split = new LinkedHashMap<>(Map.of("ds_01", 10L));
    split.put("ds_02", 11L);
    return new DatasetsResult(
        Instant.parse("2026-12-07T10:00:00Z"),
        300,
        Map.of("cores", 2, "cpu", "test CPU", "memory_bytes", 8L << 30, "os", "Linux"),
        Map.of("java", "17", "spark", "4.2.0", "delta", "4.4.0", "kafka_clients", "3.9.2"),
        Map.of("mode", "datasets"),
        2,
        10,
        240,
        List.of(
            new DatasetsResult.JobRun("ingest", 60, 50, 20, 0, ten),
            new DatasetsResult.JobRun("deserialize", 70, 60, 30, 0, ten),
            new DatasetsResult.JobRun("merge", mergeWall, 70, 28, 0, split)),
        List.of(new Check("every dataset's gold has its 10 keys", goldComplete, "")));
  }

  @Test
  void wallAndCpuAreTheThreeJobsSumsAgainstTheTarget() {
    DatasetsResult within = result(100, true);
    DatasetsResult over = result(111, true);

    assertThat(within.wallSeconds()).isEqualTo(230.0);
    assertThat(within.cpuSeconds()).isEqualTo(180.0);
    assertThat(within.targetMet()).isTrue();
    assertThat(over.targetMet()).isFalse();
    assertThat(within.jobs().get(2).minBatches()).isEqualTo(10);
    assertThat(within.jobs().get(2).maxBatches()).isEqualTo(11);
  }

  @Test
  void jsonAndMarkdownCarryEachJobAndTheChecks() {
    DatasetsResult r = result(100, false);

    JsonNode section = DatasetsReport.json(r).path("datasets");
    assertThat(section.path("jobs")).hasSize(3);
    assertThat(section.path("jobs").get(2).path("batches_per_dataset").path("ds_02").asLong())
        .isEqualTo(11);
    assertThat(section.path("wall_seconds").asDouble()).isEqualTo(230.0);
    assertThat(section.path("target_met").asBoolean()).isTrue();
    assertThat(section.path("passed").asBoolean()).isFalse();
    assertThat(DatasetsReport.markdown(r))
        .contains("| ingest | 60.0 | 50.0 | 20.0 | 20 | 10 | 2.50 | 1.50 |")
        .contains("| merge | 100 | 70.0 | 28.0 | 21 | 10–11 | 3.33 | 2.00 |")
        .contains("| the three | 230 | 180 | 78.0 | 61 |  | 2.95 | 1.67 |")
        .contains("Target: the three jobs within 240 s of wall: met (230 s).")
        .contains("- [FAILED] every dataset's gold has its 10 keys");
  }
}
