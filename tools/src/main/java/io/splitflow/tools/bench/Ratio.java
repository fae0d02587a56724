package io.splitflow.tools.bench;

import java.util.Optional;

/**
 * A ratio a bench run reports, e.g. ingest's records per CPU-second over L1's, with the target it
 * is held to when there is one.
 */
public record Ratio(String id, String description, double value, Optional<Target> target) {

  /** A bound a ratio should meet: {@code >= bound} or {@code <= bound}. */
  public record Target(boolean atLeast, double bound) {
    public boolean met(double value) {
      return atLeast ? value >= bound : value <= bound;
    }

    @Override
    public String toString() {
      return (atLeast ? ">= " : "<= ") + bound;
    }
  }

  public boolean met() {
    return target.map(t -> t.met(value)).orElse(true);
  }
}
