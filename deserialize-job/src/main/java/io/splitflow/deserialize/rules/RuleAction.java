package io.splitflow.deserialize.rules;

import java.util.Locale;

/**
 * What happens to a row that fails a rule. When a row fails rules of several actions, the strongest
 * one decides: {@code FAIL > DEAD_LETTER > DROP > WARN}.
 */
public enum RuleAction {
  /** The row goes to the dead-letter table, listing every dead-letter rule it failed. */
  DEAD_LETTER,
  /** The row is left out of bronze and written nowhere; only counted. */
  DROP,
  /** The row is kept in bronze and counted. */
  WARN,
  /** The batch stops before anything is written (see {@link RuleResult#checkFailRules}). */
  FAIL;

  /** The name used in configuration files: {@code dead-letter}, {@code drop}, ... */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
