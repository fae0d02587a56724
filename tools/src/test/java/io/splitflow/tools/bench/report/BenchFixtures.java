package io.splitflow.tools.bench.report;

import io.splitflow.tools.bench.BenchResult;
import io.splitflow.tools.bench.BenchRun;
import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.Ratio;
import io.splitflow.tools.bench.ScalingPoint;
import io.splitflow.tools.bench.Stages;
import io.splitflow.tools.bench.Tuning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A synthetic bench of whole, easy numbers. Every stage handles a million records; run 1 spends
 * each stage's base CPU-seconds, run 2 1.25 times as many and run 3 twice as many, so run 2 is the
 * median run and every stage's median records per CPU-second is 0.8 of run 1's. Wall is half the
 * CPU, and so is the broker's CPU on the stages that use the broker; peak heap is 256, 320 and 384
 * MiB.
 */
final class BenchFixtures {
  static final long RECORDS = 1_000_000;
  static final long MIB = 1024 * 1024;
  static final double[] FACTOR = {1.0, 1.25, 2.0};

  /** Each stage's CPU-seconds in run 1, and whether the broker works during it. */
  private record Base(String name, double cpuSeconds, boolean broker) {}

  private static final List<Base> STAGES =
      List.of(
          new Base(Stages.L1_CONSUMER, 2, true),
          new Base(Stages.L2_DECODE_1, 4, false),
          new Base(Stages.L2_DECODE_2, 5, false),
          new Base(Stages.L3_APPEND_RAW, 8, false),
          new Base(Stages.L3_APPEND_BRONZE, 10, false),
          new Base(Stages.INGEST, 4, true),
          new Base(Stages.DESERIALIZE, 5, false),
          new Base(Stages.MERGE_LARGE, 20, false),
          new Base(Stages.MERGE_SMALL, 40, false),
          new Base(Stages.SPLIT, 25, true),
          new Base(Stages.MONOLITH, 20, true));

  private BenchFixtures() {}

  static BenchResult result() {
    return result(3, Set.of());
  }

  /** The first {@code runs} runs, without the stages named in {@code missing}. */
  static BenchResult result(int runs, Set<String> missing) {
    List<BenchRun> all = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      all.add(run(i, missing));
    }
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", 2);
    machine.put("memory_bytes", 8L * 1024 * MIB);
    machine.put("os", "Linux 6.1 amd64");
    machine.put("java", "17.0.15");
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("spark", "4.2.0");
    versions.put("delta", "4.4.0");
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("records", RECORDS);
    settings.put("runs", runs);
    return new BenchResult(
        Instant.parse("2026-11-27T14:26:00Z"),
        812.4,
        machine,
        versions,
        settings,
        all,
        List.of(
            point(100_000, 1.0, false),
            point(1_000_000, 1.0, false),
            point(10_000_000, 1.0, true)));
  }

  /** The fixture's machine, settings and scaling around other runs. */
  static BenchResult withRuns(List<BenchRun> runs) {
    BenchResult base = result();
    return new BenchResult(
        base.started(),
        base.totalSeconds(),
        base.machine(),
        base.versions(),
        base.settings(),
        runs,
        base.scaling());
  }

  static BenchRun run(int index, Set<String> missing) {
    double f = FACTOR[index - 1];
    List<Measurement> measurements = new ArrayList<>();
    for (Base b : STAGES) {
      if (!missing.contains(b.name())) {
        double cpu = b.cpuSeconds() * f;
        measurements.add(
            new Measurement(
                b.name(),
                RECORDS,
                cpu / 2,
                cpu,
                b.broker() ? b.cpuSeconds() * f / 2 : 0,
                (256 + 64 * (index - 1)) * MIB,
                Map.of("run", index)));
      }
    }
    double[] ingestVsL1 = {0.52, 0.48, 0.55};
    double[] mergeVsAppend = {0.30, 0.35, 0.25};
    List<Ratio> ratios =
        List.of(
            new Ratio(
                "ingest_vs_l1",
                "ingest / L1, records per CPU-s",
                ingestVsL1[index - 1],
                Optional.of(new Ratio.Target(true, 0.5))),
            new Ratio(
                "merge_vs_append",
                "merge / L3 append | bronze",
                mergeVsAppend[index - 1],
                Optional.of(new Ratio.Target(true, 0.5))),
            new Ratio(
                "split_vs_monolith",
                "split / monolith, CPU-s",
                1.25,
                Optional.of(new Ratio.Target(false, 1.5))),
            new Ratio("small_vs_large", "", 0.5, Optional.empty()));
    return new BenchRun(
        index,
        measurements,
        ratios,
        List.of(point(1_000_000, f, false), point(1_000_000, f, true)),
        List.of(
            new Tuning("merge", "codec", "zstd|lz4", 41_000 / f, 12.5 * f),
            new Tuning("deserialize", "threads", "2", 180_000 / f, 3 * f)));
  }

  /**
   * A MERGE of 100,000 rows, a fifth of them updates, into {@code goldRows}: 12 s times {@code f}
   * without deletion vectors (4 rows copied per row changed), 6 s with them (none copied), beside a
   * 3 s append.
   */
  static ScalingPoint point(long goldRows, double f, boolean deletionVectors) {
    return new ScalingPoint(
        goldRows,
        100_000,
        0.2,
        deletionVectors,
        (deletionVectors ? 6.0 : 12.0) * f,
        3.0,
        8,
        16,
        deletionVectors ? 0 : 400_000,
        20_000,
        80_000);
  }
}
