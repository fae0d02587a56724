package io.splitflow.tools.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.tools.bench.BenchResult;
import io.splitflow.tools.bench.BenchRun;
import io.splitflow.tools.bench.Ratio;
import io.splitflow.tools.bench.Stages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private JsonNode written(BenchResult result) throws Exception {
    Path file = dir.resolve("bench.json");
    BenchJson.write(result, BenchSummary.of(result), file);
    return MAPPER.readTree(file.toFile());
  }

  @Test
  void topLevelKeysComeInAFixedOrder() throws Exception {
    JsonNode json = written(BenchFixtures.result());

    assertThat(names(json))
        .containsExactly(
            "started",
            "total_seconds",
            "machine",
            "versions",
            "settings",
            "runs",
            "summary",
            "scaling");
    assertThat(json.get("started").asText()).isEqualTo("2026-11-27T14:26:00Z");
    assertThat(json.get("total_seconds").asDouble()).isEqualTo(812.4);
    assertThat(names(json.get("machine"))).containsExactly("cores", "java", "memory_bytes", "os");
    assertThat(json.at("/machine/memory_bytes").asLong()).isEqualTo(8L * 1024 * 1024 * 1024);
    assertThat(json.at("/versions/spark").asText()).isEqualTo("4.2.0");
  }

  @Test
  void measurementsCarryRawFiguresAndDerivedRates() throws Exception {
    JsonNode l1 = written(BenchFixtures.result()).at("/runs/1/measurements/0");

    assertThat(l1.get("name").asText()).isEqualTo(Stages.L1_CONSUMER);
    assertThat(l1.get("records").asLong()).isEqualTo(1_000_000);
    assertThat(l1.get("cpu_seconds").asDouble()).isEqualTo(2.5);
    assertThat(l1.get("wall_seconds").asDouble()).isEqualTo(1.25);
    assertThat(l1.get("broker_cpu_seconds").asDouble()).isEqualTo(1.25);
    assertThat(l1.get("peak_heap_bytes").asLong()).isEqualTo(320 * BenchFixtures.MIB);
    assertThat(l1.get("records_per_second").asDouble()).isEqualTo(800_000);
    assertThat(l1.get("records_per_cpu_second").asDouble()).isEqualTo(400_000);
    assertThat(l1.get("cpu_seconds_per_million").asDouble()).isEqualTo(2.5);
    assertThat(l1.get("broker_cpu_seconds_per_million").asDouble()).isEqualTo(1.25);
    assertThat(l1.get("peak_heap_mib").asDouble()).isEqualTo(320);
    assertThat(l1.at("/details/run").asInt()).isEqualTo(2);
  }

  @Test
  void ratiosCarryTheirTargetAndWhetherItIsMet() throws Exception {
    JsonNode ratios = written(BenchFixtures.result()).at("/runs/0/ratios");

    assertThat(ratios.at("/0/id").asText()).isEqualTo("ingest_vs_l1");
    assertThat(ratios.at("/0/value").asDouble()).isEqualTo(0.52);
    assertThat(ratios.at("/0/target/at_least").asBoolean()).isTrue();
    assertThat(ratios.at("/0/target/bound").asDouble()).isEqualTo(0.5);
    assertThat(ratios.at("/0/met").asBoolean()).isTrue();
    assertThat(ratios.at("/1/met").asBoolean()).isFalse();
    assertThat(ratios.at("/3/target").isNull()).isTrue();
  }

  @Test
  void mergePointsAndScalingCarryTheirDerivedFigures() throws Exception {
    JsonNode json = written(BenchFixtures.result());

    JsonNode point = json.at("/runs/1/merge_points/0");
    assertThat(point.get("merge_seconds").asDouble()).isEqualTo(15.0);
    assertThat(point.get("merge_over_append").asDouble()).isEqualTo(5.0);
    assertThat(point.get("copied_per_changed").asDouble()).isEqualTo(4.0);
    assertThat(point.get("deletion_vectors").asBoolean()).isFalse();

    JsonNode largest = json.at("/scaling/2");
    assertThat(largest.get("gold_rows").asLong()).isEqualTo(10_000_000);
    assertThat(largest.get("deletion_vectors").asBoolean()).isTrue();
    assertThat(largest.get("merge_over_append").asDouble()).isEqualTo(2.0);
    assertThat(largest.get("copied_per_changed").asDouble()).isEqualTo(0.0);

    assertThat(json.at("/runs/1/tuning/0/setting").asText()).isEqualTo("zstd|lz4");
    assertThat(json.at("/runs/1/tuning/0/records_per_cpu_second").asDouble()).isEqualTo(32_800);
  }

  @Test
  void theSummaryHasMinMedianAndMaxOfEveryStageAndRatio() throws Exception {
    JsonNode summary = written(BenchFixtures.result()).get("summary");

    assertThat(summary.get("runs").asInt()).isEqualTo(3);
    assertThat(summary.get("median_run").asInt()).isEqualTo(2);
    JsonNode l1 = summary.at("/stages/0");
    assertThat(l1.get("name").asText()).isEqualTo(Stages.L1_CONSUMER);
    assertThat(l1.at("/records_per_cpu_second/min").asDouble()).isEqualTo(250_000);
    assertThat(l1.at("/records_per_cpu_second/median").asDouble()).isEqualTo(400_000);
    assertThat(l1.at("/records_per_cpu_second/max").asDouble()).isEqualTo(500_000);
    assertThat(l1.at("/peak_heap_bytes/max").asLong()).isEqualTo(384 * BenchFixtures.MIB);
    JsonNode ingest = summary.at("/ratios/0");
    assertThat(ingest.at("/value/min").asDouble()).isEqualTo(0.48);
    assertThat(ingest.at("/value/max").asDouble()).isEqualTo(0.55);
    assertThat(ingest.get("met_by_median").asBoolean()).isTrue();
    assertThat(ingest.get("met_by_worst").asBoolean()).isFalse();
  }

  @Test
  void theSameResultAlwaysWritesTheSameBytes() throws Exception {
    BenchResult result = BenchFixtures.result();
    Path first = dir.resolve("first.json");
    Path second = dir.resolve("second.json");
    BenchJson.write(result, BenchSummary.of(result), first);
    BenchJson.write(result, BenchSummary.of(result), second);

    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
  }

  @Test
  void aFigureThatIsNotFiniteIsWrittenAsNull() throws Exception {
    BenchRun run = BenchFixtures.run(1, java.util.Set.of());
    List<Ratio> ratios = new ArrayList<>(run.ratios());
    ratios.add(new Ratio("broken", "", Double.NaN, Optional.empty()));
    BenchRun broken = new BenchRun(1, run.measurements(), ratios, run.mergePoints(), run.tuning());

    JsonNode json = written(BenchFixtures.withRuns(List.of(broken)));

    assertThat(json.at("/runs/0/ratios/4/value").isNull()).isTrue();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
