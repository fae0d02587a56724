package io.splitflow.deserialize.rules;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one place that words rule errors: which rule ({@code rules.<name>}), what is wrong with it,
 * and how to fix it. One line each, since the job prints only the first line of a failure.
 */
final class RuleErrors {
  private RuleErrors() {}

  static RuleException noName() {
    return new RuleException("rules: a rule has no name; give every rule a unique name");
  }

  static RuleException exprOrClass(String rule, boolean both) {
    return new RuleException(
        prefix(rule)
            + (both ? "has both expr and class" : "has neither expr nor class")
            + "; give exactly one: expr for a SQL condition, class for a Java "
            + BronzeRule.class.getSimpleName());
  }

  static RuleException blank(String rule, String key) {
    return new RuleException(prefix(rule) + key + " is empty");
  }

  static RuleException noAction(String rule) {
    return new RuleException(
        prefix(rule) + "action is missing; use dead-letter, drop, warn or fail");
  }

  static RuleException duplicate(String rule, long times) {
    return new RuleException(
        prefix(rule) + "the name is used by " + times + " rules; give each rule its own name");
  }

  static RuleException reservedColumn(String column) {
    return new RuleException(
        "rules: the rows already have a column "
            + column
            + ", which evaluating the rules adds; rename or drop it first");
  }

  static RuleException unparsable(String rule, String what, String sparkLine, Throwable cause) {
    return new RuleException(prefix(rule) + what + " does not parse: " + sparkLine, cause);
  }

  static RuleException unknownColumn(
      String rule, String what, String column, String suggestion, Throwable cause) {
    String hint = suggestion == null ? "" : "; did you mean " + suggestion + "?";
    return new RuleException(
        prefix(rule) + what + " names an unknown column: " + column + hint, cause);
  }

  static RuleException ambiguousColumn(String rule, String what, String column, Throwable cause) {
    return new RuleException(
        prefix(rule)
            + what
            + " names column "
            + column
            + ", which the rows have more than once (a raw column and a field of the same name?);"
            + " the rows given to the rules need unique column names",
        cause);
  }

  static RuleException notBoolean(String rule, String what, String type) {
    String article = "aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ";
    return new RuleException(
        prefix(rule)
            + what
            + " is "
            + article
            + type
            + " expression, not a boolean; a rule is a condition that is true for rows that pass");
  }

  static RuleException notRowWise(String rule, String what, Throwable cause) {
    return new RuleException(
        prefix(rule)
            + what
            + " does not look at one row at a time; aggregate, window and generator functions"
            + " (max, row_number() OVER, explode) cannot be used in a rule",
        cause);
  }

  static RuleException invalid(String rule, String what, String sparkLine, Throwable cause) {
    return new RuleException(prefix(rule) + what + " is not valid: " + sparkLine, cause);
  }

  static RuleException classNotFound(String rule, String className, Throwable cause) {
    return new RuleException(
        prefix(rule)
            + "class "
            + className
            + " was not found; check the name and put the jar that holds it on the job's class"
            + " path (spark-submit --jars)",
        cause);
  }

  static RuleException notABronzeRule(String rule, String className) {
    return new RuleException(
        prefix(rule)
            + "class "
            + className
            + " does not implement "
            + BronzeRule.class.getName()
            + "; implement it, or write the rule as an expr");
  }

  static RuleException cannotCreate(String rule, String className, String why, Throwable cause) {
    return new RuleException(
        prefix(rule) + "class " + className + " cannot be created: " + why, cause);
  }

  static RuleException passesFailed(String rule, String className, String why, Throwable cause) {
    return new RuleException(prefix(rule) + "class " + className + ": passes() " + why, cause);
  }

  /** Names every fail rule that rows failed, with counts, and one example row's keys. */
  static RuleViolationException violation(
      Map<String, Long> failedRows, List<String> exampleKeys, List<String> exampleRules) {
    String rules =
        failedRows.entrySet().stream()
            .map(e -> "rules." + e.getKey() + " failed " + rows(e.getValue()))
            .collect(Collectors.joining(", "));
    String exampleText =
        exampleKeys.isEmpty()
            ? ""
            : " (e.g. the row with "
                + String.join(", ", exampleKeys)
                + " failed "
                + String.join(", ", exampleRules)
                + ")";
    return new RuleViolationException(
        "fail rules stopped the batch: "
            + rules
            + exampleText
            + "; nothing of this batch was written. To go on, fix the rule or set its action to"
            + " dead-letter and restart: the job re-runs this batch from its checkpoint",
        failedRows);
  }

  /** Spark's messages start with a blank line or carry the plan below the first line. */
  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
  }

  private static String rows(long n) {
    return n == 1 ? "1 row" : n + " rows";
  }

  private static String prefix(String rule) {
    return "rules." + rule + ": ";
  }
}
