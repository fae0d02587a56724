package io.splitflow.common.config;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Validates and builds a dataset's {@code schema-growth}. */
final class SchemaGrowthBinder {
  private static final Set<String> KEYS =
      Set.of("max-new-columns-per-batch", "max-columns", "max-name-length", "allow", "min-records");

  private SchemaGrowthBinder() {}

  static SchemaGrowth bind(ConfigNode node, SchemaEvolution evolution) {
    if (node.isMissing()) {
      return SchemaGrowth.DEFAULT;
    }
    if (evolution != SchemaEvolution.ADD_COLUMNS) {
      throw ConfigErrors.invalid(
          node.path(), "{...}", "only applies with schema-evolution: add-columns");
    }
    node.requireObject().allowOnly(KEYS);
    SchemaGrowth defaults = SchemaGrowth.DEFAULT;
    return new SchemaGrowth(
        SizingBinder.optionalInt(node.child("max-new-columns-per-batch"))
            .orElse(defaults.maxNewColumnsPerBatch()),
        SizingBinder.optionalInt(node.child("max-columns")).orElse(defaults.maxColumns()),
        SizingBinder.optionalInt(node.child("max-name-length")).orElse(defaults.maxNameLength()),
        allow(node.child("allow")),
        SizingBinder.optionalLong(node.child("min-records")).orElse(defaults.minRecords()));
  }

  private static Optional<Pattern> allow(ConfigNode node) {
    if (node.isMissing()) {
      return Optional.empty();
    }
    String regex = node.string();
    try {
      return Optional.of(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw ConfigErrors.invalid(
          node.path(), regex, "is not a regular expression: " + e.getDescription());
    }
  }
}
