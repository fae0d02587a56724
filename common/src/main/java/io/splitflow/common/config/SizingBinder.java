package io.splitflow.common.config;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code datasets.<name>.sizing}: per-dataset micro-batch limits. */
final class SizingBinder {
  private static final Set<String> KEYS =
      Set.of(
          "max-offsets-per-trigger",
          "min-partitions",
          "max-bytes-per-trigger",
          "max-files-per-trigger");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)i?b?");

  private SizingBinder() {}

  static Sizing bind(ConfigNode node) {
    if (node.isMissing()) {
      return Sizing.DEFAULT;
    }
    node.requireObject().allowOnly(KEYS);
    return new Sizing(
        optionalLong(node.child("max-offsets-per-trigger")),
        optionalInt(node.child("min-partitions")),
        bytes(node.child("max-bytes-per-trigger")),
        optionalInt(node.child("max-files-per-trigger")));
  }

  static OptionalInt optionalInt(ConfigNode node) {
    if (node.isMissing()) {
      return OptionalInt.empty();
    }
    long value = node.positiveLong();
    if (value > Integer.MAX_VALUE) {
      throw ConfigErrors.invalid(node.path(), value, "is too large; at most " + Integer.MAX_VALUE);
    }
    return OptionalInt.of((int) value);
  }

  static OptionalLong optionalLong(ConfigNode node) {
    return node.isMissing() ? OptionalLong.empty() : OptionalLong.of(node.positiveLong());
  }

  /** A size such as {@code 536870912}, {@code 512m}, {@code 512MiB} or {@code 1g}. */
  static OptionalLong bytes(ConfigNode node) {
    if (node.isMissing()) {
      return OptionalLong.empty();
    }
    String text = node.string().trim();
    Matcher size = SIZE.matcher(text.toLowerCase(Locale.ROOT));
    if (!size.matches()) {
      throw ConfigErrors.invalid(
          node.path(), text, "is not a size; use bytes or a number with k, m, g or t, e.g. 512m");
    }
    int shift = " kmgt".indexOf(size.group(2).isEmpty() ? " " : size.group(2)) * 10;
    long value;
    try {
      value = Math.multiplyExact(Long.parseLong(size.group(1)), 1L << shift);
    } catch (ArithmeticException | NumberFormatException e) {
      throw ConfigErrors.invalid(node.path(), text, "is too large");
    }
    if (value <= 0) {
      throw ConfigErrors.invalid(node.path(), text, "must be more than 0 bytes");
    }
    return OptionalLong.of(value);
  }
}
