package io.splitflow.deserialize.rules;

/**
 * A rule that cannot be used: a bad expression, an unusable Java class, a duplicate name. Thrown by
 * {@link RuleSet#compile} before any row is read; the message names the rule as {@code
 * rules.<name>}.
 */
public final class RuleException extends RuntimeException {
  RuleException(String message) {
    super(message);
  }

  RuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
