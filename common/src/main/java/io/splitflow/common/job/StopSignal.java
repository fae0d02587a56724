package io.splitflow.common.job;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks the queries of one application to stop after their current batch: on SIGTERM ({@link
 * GracefulStop}) or when one dataset of several failed and the config says {@code
 * on-dataset-failure: stop-all}. The first reason given is kept.
 */
public final class StopSignal {
  private final AtomicReference<String> reason = new AtomicReference<>();

  public void request(String why) {
    reason.compareAndSet(null, why);
  }

  public boolean requested() {
    return GracefulStop.requested() || reason.get() != null;
  }

  /** Why the queries were asked to stop, or null when they were not. */
  public String reason() {
    if (GracefulStop.requested()) {
      return "stop requested (SIGTERM)";
    }
    return reason.get();
  }
}
