package io.splitflow.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** Applies {@code --set key.path=value} to the parsed tree before it is validated. */
final class Overrides {
  /** Mappings whose keys themselves contain dots: the rest of the path is one key. */
  private static final Set<String> FREE_FORM = Set.of("kafka.options", "spark", "hadoop");

  private Overrides() {}

  static void apply(ObjectNode root, List<String> overrides) {
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--set: '" + override + "' is not key=value");
      }
      set(root, override.substring(0, eq).trim(), override.substring(eq + 1));
    }
  }

  private static void set(ObjectNode root, String path, String value) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    StringBuilder walked = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      walked.append(i == 0 ? "" : ".").append(parts[i]);
      JsonNode child = node.get(parts[i]);
      if (child == null || child.isNull()) {
        child = node.putObject(parts[i]);
      } else if (!child.isObject()) {
        throw new ConfigException("--set " + path + ": " + walked + " is a value, not a mapping");
      }
      node = (ObjectNode) child;
      if (FREE_FORM.contains(walked.toString())) {
        node.put(String.join(".", List.of(parts).subList(i + 1, parts.length)), value);
        return;
      }
    }
    node.put(parts[parts.length - 1], value);
  }
}
