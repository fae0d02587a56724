package io.splitflow.common.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only crash points at the dangerous places of each job (between two writes, after a write and
 * before the checkpoint commit). Off unless a test arms a point; an armed point fires once.
 *
 * <p>A point fails (throws {@link InjectedFault}) by default. A separate process arms points with
 * {@code -Dsplitflow.faults=point1,point2:hang,point3:pause-5000}: {@code hang} prints {@value
 * #REACHED} and the point's name on stderr and blocks forever (so a test can kill the process at
 * that exact place), {@code pause-<millis>} prints the same line and goes on after that long (so a
 * test can signal the process mid-batch). {@link #armAfter} lets a point pass a number of times
 * first, so that the batch that dies is a later one, after earlier batches committed.
 */
public final class FaultPoints {
  public static final String INGEST_BEFORE_RAW = "ingest.before-raw-write";
  public static final String INGEST_AFTER_RAW = "ingest.after-raw-write";
  public static final String DESERIALIZE_AFTER_BRONZE = "deserialize.after-bronze-write";
  public static final String MERGE_AFTER_MERGE = "merge.after-merge";

  /** The line a hanging or pausing point prints, for a test process to wait on. */
  public static final String REACHED = "splitflow-fault-point-reached";

  private static final Map<String, String> ARMED = new ConcurrentHashMap<>();
  private static final Map<String, Runnable> ACTIONS = new ConcurrentHashMap<>();

  static {
    for (String entry : System.getProperty("splitflow.faults", "").split(",")) {
      if (!entry.isBlank()) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
          ARMED.put(entry.trim(), "fail");
        } else {
          ARMED.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
      }
    }
  }

  private FaultPoints() {}

  public static void arm(String point) {
    ARMED.put(point, "fail");
  }

  /** Arms {@code point} to fail the time after it has passed {@code passes} times. */
  public static void armAfter(String point, int passes) {
    ARMED.put(point, passes > 0 ? "pass-" + passes : "fail");
  }

  public static void disarmAll() {
    ARMED.clear();
    ACTIONS.clear();
  }

  /**
   * Runs {@code action} once when {@code point} is reached, in the job's thread, and goes on: for a
   * test that must change the world at that exact place (e.g. append to a table mid-replay).
   */
  public static void onReach(String point, Runnable action) {
    ACTIONS.put(point, action);
  }

  public static void check(String point) {
    Runnable run = ACTIONS.remove(point);
    if (run != null) {
      run.run();
      return;
    }
    String action = ARMED.remove(point);
    if (action == null) {
      return;
    }
    if (action.startsWith("pass-")) {
      int left = Integer.parseInt(action.substring("pass-".length())) - 1;
      ARMED.put(point, left > 0 ? "pass-" + left : "fail");
      return;
    }
    if (action.equals("fail")) {
      throw new InjectedFault(point);
    }
    System.err.println(REACHED + " " + point);
    System.err.flush();
    try {
      if (action.equals("hang")) {
        Thread.sleep(Long.MAX_VALUE);
      } else if (action.startsWith("pause-")) {
        Thread.sleep(Long.parseLong(action.substring("pause-".length())));
      } else {
        throw new IllegalArgumentException("unknown fault action '" + action + "' at " + point);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InjectedFault(point);
    }
  }

  /** Thrown by an armed point; tests look for it in the failure's causes. */
  public static final class InjectedFault extends RuntimeException {
    public InjectedFault(String point) {
      super("injected fault at " + point);
    }
  }
}
