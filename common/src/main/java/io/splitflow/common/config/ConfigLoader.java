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
    return parse(read(file), overrides, env, file.toAbsolutePath().getParent());
  }

  /**
   * The tree the config is bound from (the file after {@code --set} and {@code ${VAR}}), once it
   * has been validated: what {@code --print-config} shows, before masking its secrets.
   */
  public static JsonNode resolve(Path file, List<String> overrides, Map<String, String> env) {
    JsonNode tree = tree(read(file), overrides, env);
    ConfigBinder.bind(new ConfigNode(tree, ""), file.toAbsolutePath().getParent());
    return tree;
  }

  private static String read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw ConfigErrors.unreadable(file.toString(), "no such file");
    }
    try {
      return Files.readString(file);
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
    return ConfigBinder.bind(new ConfigNode(tree(yaml, overrides, env), ""), baseDir);
  }

  private static JsonNode tree(String yaml, List<String> overrides, Map<String, String> env) {
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
    return EnvExpander.expand(root, "", env);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
