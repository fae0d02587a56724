package io.splitflow.tools.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * End-to-end freshness of one dataset: the Kafka timestamp of the newest record merge has carried
 * into gold, its age at {@code now}, and the verdict against the dataset's {@code freshness-slo}.
 */
public record Freshness(Optional<Instant> newest, Optional<Duration> slo, Instant now) {
  public static final String OK = "OK";
  public static final String LATE = "LATE";
  public static final String NO_DATA = "NO DATA";
  public static final String NO_SLO = "-";

  public Optional<Duration> age() {
    return newest.map(t -> t.isAfter(now) ? Duration.ZERO : Duration.between(t, now));
  }

  /**
   * {@code LATE} when gold's newest record is older than the SLO, {@code OK} when it is not, {@code
   * NO DATA} when nothing reached gold yet, {@code -} without an SLO.
   */
  public String verdict() {
    if (slo.isEmpty()) {
      return NO_SLO;
    }
    if (newest.isEmpty()) {
      return NO_DATA;
    }
    return age().get().compareTo(slo.get()) > 0 ? LATE : OK;
  }

  public boolean late() {
    return LATE.equals(verdict());
  }
}
