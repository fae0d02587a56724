package io.splitflow.deserialize.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows failed a rule whose action is {@code fail}: the batch must stop before anything of it is
 * written. Thrown by {@link RuleResult#checkFailRules}.
 */
public final class RuleViolationException extends io.splitflow.common.job.PermanentException {
  private final Map<String, Long> failedRows;

  RuleViolationException(String message, Map<String, Long> failedRows) {
    super("rules.fail", message);
    this.failedRows = Collections.unmodifiableMap(new LinkedHashMap<>(failedRows));
  }

  /** Per fail rule that rows failed, in rule order: how many rows failed it. */
  public Map<String, Long> failedRows() {
    return failedRows;
  }
}
