package io.splitflow.common.trigger;

import io.splitflow.common.config.ConfigErrors;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.streaming.Trigger;

/** When a job runs its micro-batches: drain the backlog and stop, one batch, or every interval. */
public sealed interface TriggerSpec {
  String ALLOWED =
      "is not a trigger; use available-now, once or interval=<duration> (e.g. interval=30s, 5m, 1h)";
  Pattern INTERVAL = Pattern.compile("interval=(.+)");

  Trigger toSparkTrigger();

  /** True when the query stops on its own once the data available at start is processed. */
  boolean terminates();

  record AvailableNow() implements TriggerSpec {
    public Trigger toSparkTrigger() {
      return Trigger.AvailableNow();
    }

    public boolean terminates() {
      return true;
    }

    @Override
    public String toString() {
      return "available-now";
    }
  }

  /** Kept for schedulers that expect it; prefer available-now, which honours rate limits. */
  record Once() implements TriggerSpec {
    @SuppressWarnings("deprecation")
    public Trigger toSparkTrigger() {
      return Trigger.Once();
    }

    public boolean terminates() {
      return true;
    }

    @Override
    public String toString() {
      return "once";
    }
  }

  record Interval(Duration every) implements TriggerSpec {
    public Trigger toSparkTrigger() {
      return Trigger.ProcessingTime(every.toMillis());
    }

    public boolean terminates() {
      return false;
    }

    @Override
    public String toString() {
      return "interval=" + every.toMillis() + "ms";
    }
  }

  /** Parses a trigger as written on the command line or in the config; {@code key} names where. */
  static TriggerSpec parse(String text, String key) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("available-now")) {
      return new AvailableNow();
    }
    if (value.equals("once")) {
      return new Once();
    }
    Matcher matcher = INTERVAL.matcher(value);
    if (matcher.matches()) {
      Duration every = Durations.parseOrNull(matcher.group(1));
      if (every != null && !every.isZero()) {
        return new Interval(every);
      }
    }
    throw ConfigErrors.invalid(key, text, ALLOWED);
  }
}
