package io.splitflow.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Enum-valued keys, written in kebab case ({@code avro-confluent} for AVRO_CONFLUENT). */
final class Choices {
  private Choices() {}

  static <E extends Enum<E>> E of(ConfigNode node, Class<E> type, E fallback) {
    if (node.isMissing() && fallback != null) {
      return fallback;
    }
    String text = node.string();
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      List<String> allowed =
          Arrays.stream(type.getEnumConstants())
              .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
              .toList();
      throw ConfigErrors.invalid(
          node.path(), text, "is not allowed; use one of " + String.join(", ", allowed));
    }
  }
}
