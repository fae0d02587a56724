package io.splitflow.deserialize.rules;

import java.util.List;

/** The columns {@link RuleSet#evaluate} adds, each an {@code array<string>} of rule names. */
public final class RuleColumns {
  /** The dead-letter rules the row failed; the dead-letter table's {@code failed_rules}. */
  public static final String FAILED_RULES = "_failed_rules";

  /** The drop rules the row failed. */
  public static final String DROPPED_BY = "_dropped_by";

  /** The warn rules the row failed. */
  public static final String WARNED_RULES = "_warned_rules";

  /** The fail rules the row failed. */
  public static final String FAIL_RULES = "_fail_rules";

  /** The dead-letter {@code stage} of rows set aside by rules (decoding failures are "decode"). */
  public static final String STAGE = "rules";

  /** The dead-letter {@code error_class} of rows set aside by rules. */
  public static final String ERROR_CLASS = "RULE_FAILED";

  static final List<String> ALL = List.of(FAILED_RULES, DROPPED_BY, WARNED_RULES, FAIL_RULES);

  private RuleColumns() {}

  static String of(RuleAction action) {
    return switch (action) {
      case DEAD_LETTER -> FAILED_RULES;
      case DROP -> DROPPED_BY;
      case WARN -> WARNED_RULES;
      case FAIL -> FAIL_RULES;
    };
  }
}
