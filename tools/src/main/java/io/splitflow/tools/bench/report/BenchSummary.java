package io.splitflow.tools.bench.report;

import io.splitflow.tools.bench.BenchResult;
import io.splitflow.tools.bench.BenchRun;
import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.Ratio;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A bench's figures across its runs: per stage and per ratio the min, median and max, and which run
 * is typical. Stages and ratios keep the order in which the runs first report them.
 *
 * @param medianRun the run whose process CPU over the stages every run has is the median (the lower
 *     one of the two middle runs when there is an even number); its merge points and tuning rows
 *     are the ones the tables show
 */
public record BenchSummary(
    int runs, List<StageSummary> stages, List<RatioSummary> ratios, Optional<BenchRun> medianRun) {

  public BenchSummary {
    stages = List.copyOf(stages);
    ratios = List.copyOf(ratios);
  }

  /** Smallest, median (mean of the two middle values for an even count) and largest. */
  public record Spread(double min, double median, double max) {
    public static Spread of(List<Double> values) {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("a spread needs at least one value");
      }
      List<Double> sorted = values.stream().sorted().toList();
      int n = sorted.size();
      double median =
          n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
      return new Spread(sorted.get(0), median, sorted.get(n - 1));
    }
  }

  /**
   * One stage over the runs that measured it.
   *
   * @param typical the measurement with the median records per CPU-second, so that a table row's
   *     figures all come from one measurement
   * @param typicalRun the index of the run {@code typical} comes from
   */
  public record StageSummary(
      String name,
      int runs,
      Measurement typical,
      int typicalRun,
      Spread recordsPerSecond,
      Spread recordsPerCpuSecond,
      Spread cpuSecondsPerMillion,
      Spread peakHeapBytes,
      Spread brokerCpuSecondsPerMillion) {}

  /** One ratio over the runs that reported it, with the target the first of them gave. */
  public record RatioSummary(
      String id, String description, int runs, Spread value, Optional<Ratio.Target> target) {

    public boolean metByMedian() {
      return target.map(t -> t.met(value.median())).orElse(true);
    }

    /** Whether every run met the target: the min for an at-least bound, the max for an at-most. */
    public boolean metByWorst() {
      return target.map(t -> t.met(t.atLeast() ? value.min() : value.max())).orElse(true);
    }
  }

  public static BenchSummary of(BenchResult result) {
    List<BenchRun> runs = result.runs();
    return new BenchSummary(runs.size(), stages(runs), ratios(runs), medianRun(runs));
  }

  public Optional<StageSummary> stage(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public Optional<RatioSummary> ratio(String id) {
    return ratios.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** Broker CPU-seconds per million records; zero when the stage had no broker. */
  public static double brokerCpuSecondsPerMillion(Measurement m) {
    return m.records() == 0 ? 0 : m.brokerCpuSeconds() * 1_000_000 / m.records();
  }

  private record Measured(int run, Measurement measurement) {}

  private static List<StageSummary> stages(List<BenchRun> runs) {
    Map<String, List<Measured>> byName = new LinkedHashMap<>();
    for (BenchRun run : runs) {
      for (Measurement m : run.measurements()) {
        byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(new Measured(run.index(), m));
      }
    }
    List<StageSummary> stages = new ArrayList<>();
    byName.forEach(
        (name, all) -> {
          List<Measured> sorted =
              all.stream()
                  .sorted(Comparator.comparingDouble(x -> x.measurement().recordsPerCpuSecond()))
                  .toList();
          Measured typical = sorted.get((sorted.size() - 1) / 2);
          stages.add(
              new StageSummary(
                  name,
                  all.size(),
                  typical.measurement(),
                  typical.run(),
                  spread(all, Measurement::recordsPerSecond),
                  spread(all, Measurement::recordsPerCpuSecond),
                  spread(all, Measurement::cpuSecondsPerMillion),
                  spread(all, m -> m.peakHeapBytes()),
                  spread(all, BenchSummary::brokerCpuSecondsPerMillion)));
        });
    return stages;
  }

  private static Spread spread(List<Measured> all, ToDoubleFunction<Measurement> figure) {
    return Spread.of(all.stream().map(x -> figure.applyAsDouble(x.measurement())).toList());
  }

  private static List<RatioSummary> ratios(List<BenchRun> runs) {
    Map<String, List<Ratio>> byId = new LinkedHashMap<>();
    for (BenchRun run : runs) {
      for (Ratio r : run.ratios()) {
        byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
      }
    }
    List<RatioSummary> ratios = new ArrayList<>();
    byId.forEach(
        (id, all) ->
            ratios.add(
                new RatioSummary(
                    id,
                    all.get(0).description(),
                    all.size(),
                    Spread.of(all.stream().map(Ratio::value).toList()),
                    all.stream().flatMap(r -> r.target().stream()).findFirst())));
    return ratios;
  }

  private static Optional<BenchRun> medianRun(List<BenchRun> runs) {
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    Set<String> shared = new LinkedHashSet<>();
    runs.get(0).measurements().forEach(m -> shared.add(m.name()));
    runs.forEach(r -> shared.retainAll(r.measurements().stream().map(Measurement::name).toList()));
    ToDoubleFunction<BenchRun> cpu =
        run ->
            run.measurements().stream()
                .filter(m -> shared.contains(m.name()))
                .mapToDouble(Measurement::cpuSeconds)
                .sum();
    List<BenchRun> sorted =
        runs.stream()
            .sorted(Comparator.comparingDouble(cpu).reversed().thenComparingInt(BenchRun::index))
            .toList();
    return Optional.of(sorted.get((sorted.size() - 1) / 2));
  }
}
