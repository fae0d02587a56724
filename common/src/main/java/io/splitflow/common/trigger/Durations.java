package io.splitflow.common.trigger;

import io.splitflow.common.config.ConfigErrors;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in configs and on command lines: 250ms, 30s, 5m, 1h. */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  /** Parses {@code text}; a bad value is a config error naming {@code key}. */
  public static Duration parse(String text, String key) {
    Duration parsed = parseOrNull(text);
    if (parsed == null) {
      throw ConfigErrors.invalid(key, text, "is not a duration; use e.g. 250ms, 30s, 5m or 1h");
    }
    return parsed;
  }

  static Duration parseOrNull(String text) {
    Matcher matcher = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return null;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}
