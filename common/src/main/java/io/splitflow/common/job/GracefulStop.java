package io.splitflow.common.job;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (and Ctrl-C) ask the running job to stop after its current batch: the batch commits, the
 * query stops, the job exits 0. A second signal exits at once (the unfinished batch is re-run on
 * the next start, as after a crash). Not installed on Databricks, which manages its drivers.
 */
public final class GracefulStop {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.job");
  private static final AtomicBoolean REQUESTED = new AtomicBoolean();
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private GracefulStop() {}

  /** Installs the signal handlers once per JVM. */
  public static void install() {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), GracefulStop::onSignal);
      } catch (IllegalArgumentException unsupported) {
        LOG.debug("cannot handle SIG{} here: {}", name, unsupported.getMessage());
      }
    }
  }

  private static void onSignal(Signal signal) {
    if (REQUESTED.compareAndSet(false, true)) {
      LOG.info(
          "{\"event\":\"stop_requested\",\"signal\":\"SIG{}\",\"action\":\"stopping after the"
              + " current batch; signal again to stop now\"}",
          signal.getName());
    } else {
      LOG.warn("{\"event\":\"stop_now\",\"signal\":\"SIG{}\"}", signal.getName());
      System.exit(128 + signal.getNumber());
    }
  }

  /** Asks running jobs to stop after their current batch, as SIGTERM does. */
  public static void request() {
    REQUESTED.set(true);
  }

  public static boolean requested() {
    return REQUESTED.get();
  }

  /** For tests that request a stop and then run more jobs in the same JVM. */
  public static void reset() {
    REQUESTED.set(false);
  }
}
