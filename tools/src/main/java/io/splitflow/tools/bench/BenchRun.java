package io.splitflow.tools.bench;

import java.util.List;
import java.util.Optional;

/** Everything one repetition of the bench measured. */
public record BenchRun(
    int index,
    List<Measurement> measurements,
    List<Ratio> ratios,
    List<ScalingPoint> mergePoints,
    List<Tuning> tuning) {

  public BenchRun {
    measurements = List.copyOf(measurements);
    ratios = List.copyOf(ratios);
    mergePoints = List.copyOf(mergePoints);
    tuning = List.copyOf(tuning);
  }

  public Optional<Measurement> measurement(String name) {
    return measurements.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  public Optional<Ratio> ratio(String id) {
    return ratios.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
