package io.splitflow.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands {@code ${VAR}} and {@code ${VAR:-default}} in every text value of the tree. */
final class EnvExpander {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private EnvExpander() {}

  static JsonNode expand(JsonNode node, String path, Map<String, String> env) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields()
          .forEachRemaining(
              e ->
                  copy.set(
                      e.getKey(),
                      expand(
                          e.getValue(),
                          path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                          env)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        copy.add(expand(node.get(i), path + "[" + i + "]", env));
      }
      return copy;
    }
    if (node.isTextual() && node.asText().contains("${")) {
      return JsonNodeFactory.instance.textNode(expandText(node.asText(), path, env));
    }
    return node;
  }

  static String expandText(String text, String path, Map<String, String> env) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = env.get(matcher.group(1));
      if (value == null || (value.isEmpty() && matcher.group(2) != null)) {
        if (matcher.group(2) == null) {
          throw ConfigErrors.unsetVariable(path, matcher.group(1));
        }
        value = matcher.group(3);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
