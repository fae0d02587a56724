package io.splitflow.deserialize.rules;

/**
 * One configured rule, before validation against a schema: a SQL condition ({@code expr}) or a Java
 * {@link BronzeRule} ({@code className}), exactly one of the two, and what to do with rows that
 * fail it.
 *
 * @param name unique within a dataset; names the rule in {@code _failed_rules}, counts and errors
 * @param expr a Spark SQL boolean expression over the row's columns, true for rows that pass
 * @param className the fully qualified name of a {@link BronzeRule} with a public no-arg
 *     constructor
 */
public record RuleSpec(String name, String expr, String className, RuleAction action) {
  public RuleSpec {
    if (name == null || name.isBlank()) {
      throw RuleErrors.noName();
    }
    if ((expr == null) == (className == null)) {
      throw RuleErrors.exprOrClass(name, expr != null);
    }
    if ((expr != null && expr.isBlank()) || (className != null && className.isBlank())) {
      throw RuleErrors.blank(name, expr != null ? "expr" : "class");
    }
    if (action == null) {
      throw RuleErrors.noAction(name);
    }
  }

  public static RuleSpec sql(String name, String expr, RuleAction action) {
    return new RuleSpec(name, expr, null, action);
  }

  public static RuleSpec java(String name, String className, RuleAction action) {
    return new RuleSpec(name, null, className, action);
  }
}
