package io.splitflow.common.job;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only crash points at the dangerous places of each job (between two writes, after a write and
 * before the checkpoint commit). Off unless a test arms a point; an armed point fires once. A
 * separate process arms points with {@code -Dsplitflow.faults=point1,point2}.
 */
public final class FaultPoints {
  public static final String DESERIALIZE_AFTER_BRONZE = "deserialize.after-bronze-write";
  public static final String MERGE_AFTER_MERGE = "merge.after-merge";

  private static final Set<String> ARMED = ConcurrentHashMap.newKeySet();

  static {
    String fromProperty = System.getProperty("splitflow.faults", "");
    for (String point : fromProperty.split(",")) {
      if (!point.isBlank()) {
        ARMED.add(point.trim());
      }
    }
  }

  private FaultPoints() {}

  public static void arm(String point) {
    ARMED.add(point);
  }

  public static void disarmAll() {
    ARMED.clear();
  }

  public static void check(String point) {
    if (ARMED.remove(point)) {
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
