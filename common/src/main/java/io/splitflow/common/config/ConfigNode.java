package io.splitflow.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A node of the parsed YAML tree that knows its key path, so every error can name it. */
final class ConfigNode {
  private final JsonNode node;
  private final String path;

  ConfigNode(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  String path() {
    return path;
  }

  boolean isMissing() {
    return node == null || node.isMissingNode() || node.isNull();
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  ConfigNode child(String key) {
    return new ConfigNode(node == null ? null : node.get(key), childPath(key));
  }

  ConfigNode requireObject() {
    if (isMissing()) {
      throw ConfigErrors.missing(path);
    }
    if (!node.isObject()) {
      throw ConfigErrors.wrongShape(path, "a mapping of keys", describe());
    }
    return this;
  }

  /** Fails on the first key that is not allowed here: a typo must not be silently ignored. */
  ConfigNode allowOnly(Set<String> allowed) {
    if (isMissing()) {
      return this;
    }
    requireObject();
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ConfigErrors.unknownKey(childPath(name), allowed.stream().sorted().toList());
      }
    }
    return this;
  }

  List<String> keys() {
    List<String> keys = new ArrayList<>();
    if (!isMissing()) {
      requireObject().node.fieldNames().forEachRemaining(keys::add);
    }
    return keys;
  }

  /** Null, or a value that is empty or blank, e.g. after {@code ${VAR:-}} with VAR unset. */
  boolean isBlank() {
    return isMissing() || (node.isValueNode() && node.asText().isBlank());
  }

  String string() {
    if (isMissing()) {
      throw ConfigErrors.missing(path);
    }
    if (!node.isValueNode()) {
      throw ConfigErrors.wrongShape(path, "a single value", describe());
    }
    String text = node.asText().trim();
    if (text.isEmpty()) {
      throw ConfigErrors.invalid(path, text, "is empty; give a value");
    }
    return text;
  }

  /** A value kept as written, spaces included (separators). */
  String rawString() {
    if (isMissing() || !node.isValueNode() || node.asText().isEmpty()) {
      throw ConfigErrors.invalid(path, isMissing() ? "" : node.asText(), "needs a non-empty value");
    }
    return node.asText();
  }

  String string(String fallback) {
    return isMissing() ? fallback : string();
  }

  long positiveLong() {
    String text = string();
    try {
      long value = Long.parseLong(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the key path
    }
    throw ConfigErrors.invalid(path, text, "is not a positive whole number");
  }

  boolean bool(boolean fallback) {
    if (isMissing()) {
      return fallback;
    }
    String text = string();
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ConfigErrors.invalid(path, text, "is not a boolean; use true or false");
    };
  }

  /** A list of names, written either as a YAML list or as one comma-separated string. */
  List<String> stringList() {
    if (isMissing()) {
      throw ConfigErrors.missing(path);
    }
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        values.add(new ConfigNode(node.get(i), path + "[" + i + "]").string());
      }
    } else {
      for (String part : string().split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    }
    if (values.isEmpty()) {
      throw ConfigErrors.invalid(path, "[]", "is empty; list at least one name");
    }
    return values;
  }

  List<ConfigNode> elements() {
    if (isMissing()) {
      throw ConfigErrors.missing(path);
    }
    if (!node.isArray()) {
      throw ConfigErrors.wrongShape(path, "a list", describe());
    }
    List<ConfigNode> elements = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      elements.add(new ConfigNode(node.get(i), path + "[" + i + "]"));
    }
    return elements;
  }

  /** A free-form mapping of option names to scalar values (Kafka client options, Spark conf). */
  Map<String, String> stringMap() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : keys()) {
      values.put(key, child(key).string());
    }
    return values;
  }

  private String describe() {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "'" + node.asText() + "'";
  }
}
