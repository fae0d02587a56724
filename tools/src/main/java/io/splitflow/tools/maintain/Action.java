package io.splitflow.tools.maintain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing maintain did (or, with {@code --dry-run}, would do) to one table: {@code optimize},
 * {@code vacuum}, {@code trim} or {@code skip}, with its counts and a note for the operator.
 */
record Action(String table, String action, Map<String, Object> counts, String note) {
  private static final ObjectMapper JSON = new ObjectMapper();

  Action {
    counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  static Action skip(String table, String action, String why) {
    return new Action(table, action, counts("skipped", true), why);
  }

  /** Counts in the order given, e.g. {@code counts("files_removed", 3, "retention_hours", 0)}. */
  static Map<String, Object> counts(Object... keysAndValues) {
    Map<String, Object> counts = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      counts.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return counts;
  }

  /** The line for the log: {@code {"event":"maintain","table":..,"action":..,<counts>}}. */
  String json(boolean dryRun) {
    ObjectNode line =
        JSON.createObjectNode().put("event", "maintain").put("table", table).put("action", action);
    if (dryRun) {
      line.put("dry_run", true);
    }
    counts.forEach((key, value) -> line.set(key, JSON.valueToTree(value)));
    if (note != null) {
      line.put("note", note);
    }
    return line.toString();
  }

  /** The line for the terminal: table, action, counts, note. */
  String text() {
    StringBuilder line = new StringBuilder(String.format("  %-32s %-9s", table, action));
    counts.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    if (note != null) {
      line.append("  (").append(note).append(')');
    }
    return line.toString();
  }
}
