/**
 * Declarative business rules over decoded rows, evaluated as Spark columns.
 *
 * <p>{@link io.splitflow.deserialize.rules.RuleSet#compile} checks configured rules (SQL
 * expressions or Java {@link io.splitflow.deserialize.rules.BronzeRule}s) against the rows' schema;
 * {@link io.splitflow.deserialize.rules.RuleSet#evaluate} adds the rule columns in one projection;
 * the {@link io.splitflow.deserialize.rules.RuleResult} gives the kept rows, the dead-lettered
 * rows, the counts and the fail-rule check. Nothing here writes a table.
 */
package io.splitflow.deserialize.rules;
