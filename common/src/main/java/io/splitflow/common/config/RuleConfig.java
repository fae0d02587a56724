package io.splitflow.common.config;

import java.util.Optional;

/**
 * A business rule as declared: a SQL boolean expression or a Java class, and what happens to a
 * record that fails it ({@code dead-letter}, {@code drop}, {@code warn} or {@code fail}).
 */
public record RuleConfig(
    String name, Optional<String> expr, Optional<String> className, String action) {
  public static final java.util.List<String> ACTIONS =
      java.util.List.of("dead-letter", "drop", "warn", "fail");
}
