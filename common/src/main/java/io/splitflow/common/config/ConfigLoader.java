package io.splitflow.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML file, applies {@code --set} overrides, expands {@code ${VAR}} and {@code
 * ${VAR:-default}}, and builds the validated {@link SplitflowConfig}.
 *
 * <p>Precedence, highest first: {@code --set key=value}, then the environment (through {@code
 * ${VAR}} in the file), then the file's literal values, then the defaults.
 */
public final class ConfigLoader {
  private static final YAMLMapper YAML = new YAMLMapper();

  private ConfigLoader() {}

  public static SplitflowConfig load(Path file, List<String> overrides, Map<String, String> env) {
    if (!Files.isRegularFile(file)) {
      throw ConfigErrors.unreadable(file.toString(), "no such file");
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      return parse(Files.readString(file), overrides, env, dir);
    } catch (IOException e) {
      throw ConfigErrors.unreadable(file.toString(), e.getMessage());
    }
  }

  /**
   * Parses config text; relative schema and registry paths resolve against the working directory.
   */
  public static SplitflowConfig parse(
      String yaml, List<String> overrides, Map<String, String> env) {
    return parse(yaml, overrides, env, Path.of("").toAbsolutePath());
  }

  public static SplitflowConfig parse(
      String yaml, List<String> overrides, Map<String, String> env, Path baseDir) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException("config is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      tree = YAML.createObjectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigException("config: expected a mapping of keys at the top level");
    }
    ObjectNode root = (ObjectNode) tree;
    Overrides.apply(root, overrides);
    JsonNode expanded = EnvExpander.expand(root, "", env);
    return ConfigBinder.bind(new ConfigNode(expanded, ""), baseDir);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
