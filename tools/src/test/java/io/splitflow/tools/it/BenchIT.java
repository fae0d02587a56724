package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.tools.bench.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A small bench end to end (its broker in a child JVM): every stage measured over the same records,
 * the monolith's gold equal to the split's, the ratios computed, the three files written.
 */
@Timeout(900)
class BenchIT {
  @TempDir Path dir;

  @Test
  void smallBenchMeasuresEveryStageOnTheSameRecordsAndWritesItsReport() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));
    int code =
        cli.execute(
            "--records=6000",
            "--keys=400",
            "--max-offsets-per-trigger=2500",
            "--warmup-records=0",
            "--merge-point=20k:1k",
            "--scaling-gold=20k",
            "--scaling-batches=500,1k",
            "--config=" + Path.of("..", "conf", "bench.yaml"),
            "--out=" + dir.resolve("out"));

    assertThat(code).as(out.toString()).isZero();
    JsonNode bench = new ObjectMapper().readTree(dir.resolve("out/bench.json").toFile());
    JsonNode run = bench.path("runs").get(0);
    Map<String, JsonNode> stages = new HashMap<>();
    run.path("measurements").forEach(m -> stages.put(m.path("name").asText(), m));
    assertThat(stages)
        .containsKeys(
            "L1 KafkaConsumer",
            "L2 decode, 1 thread",
            "L2 decode, 2 threads",
            "L3 Delta append, raw schema",
            "L3 Delta append, bronze schema",
            "ingest",
            "deserialize",
            "merge, one large batch",
            "merge, 10k-record batches",
            "split: the three in sequence",
            "monolith");
    for (String name :
        new String[] {"L1 KafkaConsumer", "L2 decode, 1 thread", "ingest", "deserialize"}) {
      assertThat(stages.get(name).path("records").asLong()).as(name).isEqualTo(6_000);
    }
    assertThat(stages.get("L3 Delta append, raw schema").path("records").asLong()).isEqualTo(6_000);
    long bronze = stages.get("merge, one large batch").path("records").asLong();
    assertThat(bronze).isBetween(5_500L, 5_999L); // 1% bad records went to dead letters
    assertThat(stages.get("L3 Delta append, bronze schema").path("records").asLong())
        .isEqualTo(bronze);
    JsonNode monolith = stages.get("monolith");
    assertThat(monolith.path("details").path("gold_matches_split").asBoolean())
        .as(monolith.toString())
        .isTrue();
    assertThat(monolith.path("details").path("gold_rows").asLong()).isEqualTo(400);
    double splitCpu = stages.get("split: the three in sequence").path("cpu_seconds").asDouble();
    double partsCpu =
        stages.get("ingest").path("cpu_seconds").asDouble()
            + stages.get("deserialize").path("cpu_seconds").asDouble()
            + stages.get("merge, one large batch").path("cpu_seconds").asDouble();
    assertThat(splitCpu).isCloseTo(partsCpu, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(stages.get("ingest").path("broker_cpu_seconds").asDouble()).isPositive();
    assertThat(stages.get("L2 decode, 1 thread").path("broker_cpu_seconds").asDouble())
        .isLessThan(stages.get("ingest").path("broker_cpu_seconds").asDouble());

    Map<String, Double> ratios = new HashMap<>();
    run.path("ratios").forEach(r -> ratios.put(r.path("id").asText(), r.path("value").asDouble()));
    assertThat(ratios)
        .containsKeys(
            "ingest / L1",
            "deserialize / L2 (1 thread)",
            "MERGE / append, same batch",
            "split / monolith");
    assertThat(ratios.values()).allSatisfy(v -> assertThat(v).isPositive().isFinite());
    assertThat(ratios.get("ingest / L1"))
        .isCloseTo(
            stages.get("ingest").path("records_per_cpu_second").asDouble()
                / stages.get("L1 KafkaConsumer").path("records_per_cpu_second").asDouble(),
            org.assertj.core.data.Percentage.withPercentage(0.01));

    JsonNode points = run.path("merge_points");
    assertThat(points).hasSize(2);
    points.forEach(
        p -> {
          assertThat(p.path("gold_rows").asLong()).isEqualTo(20_000);
          assertThat(p.path("rows_updated").asLong() + p.path("rows_inserted").asLong())
              .isEqualTo(1_000);
        });
    JsonNode scaling = bench.path("scaling");
    assertThat(scaling).hasSize(2);
    assertThat(scaling).allSatisfy(p -> assertThat(p.path("gold_rows").asLong()).isEqualTo(20_000));
    assertThat(
            scaling.get(0).path("rows_updated").asLong()
                + scaling.get(0).path("rows_inserted").asLong())
        .isEqualTo(500);
    assertThat(
            scaling.get(1).path("rows_updated").asLong()
                + scaling.get(1).path("rows_inserted").asLong())
        .isEqualTo(1_000);

    String md = Files.readString(dir.resolve("out/bench.md"));
    assertThat(md).contains("| ingest | 6,000 |").contains("| split / monolith |");
    byte[] png = Files.readAllBytes(dir.resolve("out/bench.png"));
    assertThat(java.util.Arrays.copyOf(png, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
  }

  @Test
  void batchCostRunsEachJobAndItsReferenceTwiceOnTheSameInputAndWritesItsReport() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));
    int code =
        cli.execute(
            "--batch-cost",
            "--records=1500",
            "--batch=500",
            "--keys=400",
            "--warmup-records=0",
            "--config=" + Path.of("..", "conf", "bench.yaml"),
            "--out=" + dir.resolve("batch-cost"));

    assertThat(code).as(out.toString()).isZero();
    JsonNode bench = new ObjectMapper().readTree(dir.resolve("batch-cost/bench.json").toFile());
    JsonNode jobs = bench.path("batch_cost").path("runs").get(0).path("jobs");
    assertThat(jobs)
        .extracting(j -> j.path("job").asText())
        .containsExactly("ingest", "deserialize", "merge");
    for (JsonNode job : jobs) {
      String name = job.path("job").asText();
      for (String mode : new String[] {"one_batch", "small_batches"}) {
        long records = job.path("splitflow").path(mode).path("records").asLong();
        assertThat(job.path("reference").path(mode).path("records").asLong())
            .as(name + " " + mode)
            .isEqualTo(records);
        if (name.equals("merge")) {
          assertThat(records).isBetween(1_400L, 1_499L); // 1% bad records went to dead letters
        } else {
          assertThat(records).as(name).isEqualTo(1_500);
        }
      }
      for (String side : new String[] {"splitflow", "reference"}) {
        JsonNode runs = job.path(side);
        assertThat(runs.path("one_batch").path("batches").asLong())
            .as(name + " " + side)
            .isEqualTo(1);
        assertThat(runs.path("small_batches").path("batches").asLong())
            .as(name + " " + side)
            .isBetween(2L, 5L);
        assertThat(runs.path("fixed_cpu_seconds_per_batch").isNumber()).isTrue();
        assertThat(runs.path("cpu_seconds_per_million_records").asDouble()).isPositive();
      }
      assertThat(job.path("per_record_cpu_ratio").asDouble()).isPositive();
      double ours = job.path("splitflow").path("fixed_cpu_seconds_per_batch").asDouble();
      double theirs = job.path("reference").path("fixed_cpu_seconds_per_batch").asDouble();
      if (ours > 0 && theirs > 0) {
        assertThat(job.path("fixed_cpu_ratio").asDouble())
            .isCloseTo(ours / theirs, org.assertj.core.data.Percentage.withPercentage(0.01));
      } else {
        assertThat(job.path("fixed_cpu_ratio").isNull()).as(name).isTrue(); // within noise
      }
    }
    assertThat(bench.path("batch_cost").path("summary")).hasSize(3);
    assertThat(Files.readString(dir.resolve("batch-cost/bench.md")))
        .contains("| ingest | 1,500 |")
        .contains("- merge reference:");
    byte[] png = Files.readAllBytes(dir.resolve("batch-cost/bench.png"));
    assertThat(java.util.Arrays.copyOf(png, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
  }
}
