package io.splitflow.deserialize.rules;

import org.apache.spark.sql.Column;

/**
 * A rule checked against the rows' schema.
 *
 * @param condition true for rows that pass; NULL is handled by {@link RuleSet}
 * @param source what the rule is, for messages: the SQL text or the class name
 */
record CompiledRule(String name, RuleAction action, Column condition, String source) {}
