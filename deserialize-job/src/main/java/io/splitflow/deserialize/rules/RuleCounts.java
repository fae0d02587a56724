package io.splitflow.deserialize.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the rules did to one batch. The totals place every row once, by precedence ({@code fail >
 * dead-letter > drop > warn}): {@link #rows()} = kept + deadLettered + dropped + failing, and
 * warned rows are among the kept. {@link #failedByRule()} counts each rule on its own: a row that
 * failed a drop rule and a dead-letter rule counts for both rules, and once, as dead-lettered, in
 * the totals.
 *
 * @param kept rows that failed no fail, dead-letter or drop rule (they go to bronze)
 * @param deadLettered rows that failed a dead-letter rule and no fail rule
 * @param dropped rows that failed a drop rule and no fail or dead-letter rule
 * @param warned kept rows that failed a warn rule
 * @param failing rows that failed a fail rule ({@link RuleResult#checkFailRules} stops on them)
 * @param failedByRule per rule, in configuration order: the rows that failed it
 */
public record RuleCounts(
    long kept,
    long deadLettered,
    long dropped,
    long warned,
    long failing,
    Map<String, Long> failedByRule) {
  public RuleCounts {
    failedByRule = Collections.unmodifiableMap(new LinkedHashMap<>(failedByRule));
  }

  public long rows() {
    return kept + deadLettered + dropped + failing;
  }

  /** The rows that failed {@code rule}. */
  public long failed(String rule) {
    Long count = failedByRule.get(rule);
    if (count == null) {
      throw new IllegalArgumentException(
          "no rule named " + rule + "; the rules are " + failedByRule.keySet());
    }
    return count;
  }
}
