package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.tools.bench.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bench's two modes end to end, each job in a JVM of its own as bin/splitflow runs it: a few
 * small datasets one record per batch, and a short latency run at a tiny rate. They start six job
 * JVMs and take minutes on two cores, so the test command runs them only with {@code
 * -Dsplitflow.bench-modes=true}; their logic (percentiles, configs, checks, reports) is
 * unit-tested.
 */
@Timeout(600)
@EnabledIfSystemProperty(named = "splitflow.bench-modes", matches = "true")
class BenchModesIT {
  @TempDir Path dir;

  @Test
  void datasetsModeRunsEveryRecordAsABatchOfItsOwnAndEveryDatasetReachesGold() throws Exception {
    JsonNode section = bench("datasets", "--datasets=3", "--records-per-dataset=2");

    assertThat(section.path("passed").asBoolean()).as(section.toString()).isTrue();
    assertThat(section.path("jobs")).hasSize(3);
    for (JsonNode job : section.path("jobs")) {
      assertThat(job.path("exit_code").asInt()).as(job.toString()).isZero();
      assertThat(job.path("wall_seconds").asDouble()).as(job.toString()).isPositive();
      assertThat(job.path("cpu_seconds").asDouble()).as(job.toString()).isPositive();
      // the child's compiler threads, written at its exit: some, and part of its CPU
      assertThat(job.path("jit_cpu_seconds").asDouble())
          .as(job.toString())
          .isPositive()
          .isLessThan(job.path("cpu_seconds").asDouble());
      assertThat(job.path("batches_per_dataset").size()).as(job.toString()).isEqualTo(3);
      job.path("batches_per_dataset")
          .forEach(batches -> assertThat(batches.asLong()).as(job.toString()).isEqualTo(2));
    }
  }

  @Test
  void latencyModeFindsEveryRecordInGoldWithOrderedPercentilesAndEachJobsCpu() throws Exception {
    JsonNode section = bench("latency", "--latency", "--rate=10", "--minutes=0.25", "--interval=1");

    assertThat(section.path("passed").asBoolean()).as(section.toString()).isTrue();
    long produced = section.path("produced").asLong();
    assertThat(produced).isGreaterThan(100);
    assertThat(section.path("reached_gold").asLong()).isEqualTo(produced);
    JsonNode latency = section.path("latency_seconds");
    double p50 = latency.path("p50").asDouble();
    double p95 = latency.path("p95").asDouble();
    double p99 = latency.path("p99").asDouble();
    double max = latency.path("max").asDouble();
    assertThat(p50).isPositive();
    assertThat(p50).isLessThanOrEqualTo(p95);
    assertThat(p95).isLessThanOrEqualTo(p99);
    assertThat(p99).isLessThanOrEqualTo(max);
    assertThat(section.path("drain_seconds").isNumber()).isTrue();
    assertThat(section.path("jobs")).hasSize(3);
    for (JsonNode job : section.path("jobs")) {
      assertThat(job.path("cpu_seconds").asDouble()).as(job.toString()).isPositive();
      assertThat(job.path("batches").asLong()).as(job.toString()).isPositive();
    }
  }

  /** Runs the bench with {@code args} and returns its bench.json's {@code section}. */
  private JsonNode bench(String section, String... args) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out));
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--out=" + dir.resolve(section);
    int code = cli.execute(all);

    assertThat(code).as(out.toString()).isZero();
    return new ObjectMapper()
        .readTree(dir.resolve(section).resolve("bench.json").toFile())
        .path(section);
  }
}
