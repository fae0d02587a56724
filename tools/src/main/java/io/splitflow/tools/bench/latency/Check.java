package io.splitflow.tools.bench.latency;

import java.util.List;

/** One thing a bench mode requires of the lake after its run; a failed one fails the command. */
public record Check(String name, boolean passed, String detail) {

  public static boolean all(List<Check> checks) {
    return checks.stream().allMatch(Check::passed);
  }

  public String line() {
    return "[" + (passed ? "ok" : "FAILED") + "] " + name + ": " + detail;
  }
}
