package io.splitflow.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The ratios a bench run is judged by, each computed from measurements of the same run: the jobs
 * against their ceilings in records per CPU-second (the broker's CPU on neither side), the MERGE
 * against the append of the same batch, and the split pipeline against the monolith.
 */
public final class BenchRatios {
  public static final String INGEST_L1 = "ingest / L1";
  public static final String DESERIALIZE_L2 = "deserialize / L2 (1 thread)";
  public static final String MERGE_APPEND = "MERGE / append, same batch";
  public static final String MERGE_LARGE_L3 = "merge (large batch) / L3 bronze append";
  public static final String SPLIT_MONOLITH = "split / monolith";

  private BenchRatios() {}

  public static List<Ratio> of(List<Measurement> measured, List<ScalingPoint> points) {
    List<Ratio> ratios = new ArrayList<>();
    perCpu(measured, Stages.INGEST, Stages.L1_CONSUMER)
        .ifPresent(
            v ->
                ratios.add(
                    new Ratio(
                        INGEST_L1,
                        "ingest's records per CPU-second over a plain KafkaConsumer's",
                        v,
                        Optional.of(new Ratio.Target(true, 0.5)))));
    perCpu(measured, Stages.DESERIALIZE, Stages.L2_DECODE_1)
        .ifPresent(
            v ->
                ratios.add(
                    new Ratio(
                        DESERIALIZE_L2,
                        "deserialize's records per CPU-second (read raw, decode, validate, write"
                            + " bronze and dead letters) over a one-thread decode loop's",
                        v,
                        Optional.of(new Ratio.Target(true, 0.3)))));
    points.stream()
        .filter(ScalingPoint::deletionVectors)
        .findFirst()
        .ifPresent(
            p ->
                ratios.add(
                    new Ratio(
                        MERGE_APPEND,
                        String.format(
                            java.util.Locale.ROOT,
                            "seconds of a %,d-row MERGE (%.0f%% updates) into %,d gold rows over"
                                + " the Delta append of the same batch",
                            p.batchRows(),
                            100 * p.updateShare(),
                            p.goldRows()),
                        p.mergeOverAppend(),
                        Optional.of(new Ratio.Target(false, 3.0)))));
    ratio(measured, Stages.MERGE_LARGE, Stages.L3_APPEND_BRONZE, Measurement::wallSeconds)
        .ifPresent(
            v ->
                ratios.add(
                    new Ratio(
                        MERGE_LARGE_L3,
                        "seconds of the merge job over its whole backlog in one batch, over the"
                            + " append of the same bronze rows from memory",
                        v,
                        Optional.empty())));
    perCpu(measured, Stages.SPLIT, Stages.MONOLITH)
        .ifPresent(
            v ->
                ratios.add(
                    new Ratio(
                        SPLIT_MONOLITH,
                        "records per CPU-second of the three jobs in sequence over the monolith's,"
                            + " at the same micro-batch size for ingest and the monolith",
                        v,
                        Optional.of(new Ratio.Target(true, 1.0)))));
    return ratios;
  }

  private static Optional<Double> perCpu(List<Measurement> measured, String top, String bottom) {
    return ratio(measured, top, bottom, Measurement::recordsPerCpuSecond);
  }

  private static Optional<Double> ratio(
      List<Measurement> measured, String top, String bottom, ToDoubleFunction<Measurement> figure) {
    Optional<Measurement> a = BenchPass.find(measured, top);
    Optional<Measurement> b = BenchPass.find(measured, bottom);
    if (a.isEmpty() || b.isEmpty() || figure.applyAsDouble(b.get()) <= 0) {
      return Optional.empty();
    }
    return Optional.of(figure.applyAsDouble(a.get()) / figure.applyAsDouble(b.get()));
  }
}
