package io.splitflow.common.config;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.table.LakePaths;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.trigger.TriggerSpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates and builds one entry of {@code datasets}. */
final class DatasetBinder {
  private static final Set<String> DATASET =
      Set.of("topic", "format", "fields", "merge", "trigger", "tables");
  private static final Set<String> FIELD = Set.of("name", "type", "required");
  private static final Set<String> MERGE = Set.of("mode", "keys", "sequence-by");
  private static final Set<String> TABLE = Set.of("path", "table");
  private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private DatasetBinder() {}

  static DatasetConfig bind(String name, ConfigNode node, LakeSettings lake) {
    if (!DATASET_NAME.matcher(name).matches()) {
      throw ConfigErrors.invalid(
          node.path(),
          name,
          "is not a dataset name; use letters, digits and _, starting with a letter");
    }
    node.requireObject().allowOnly(DATASET);
    List<FieldSpec> fields = fields(node.child("fields"));
    ConfigNode trigger = node.child("trigger");
    return new DatasetConfig(
        name,
        node.child("topic").string(),
        choice(node.child("format"), DataFormat.class, DataFormat.JSON),
        fields,
        merge(node.child("merge").requireObject().allowOnly(MERGE), fields),
        trigger.isMissing()
            ? Optional.empty()
            : Optional.of(TriggerSpec.parse(trigger.string(), trigger.path())),
        tables(name, node.child("tables"), lake));
  }

  private static List<FieldSpec> fields(ConfigNode node) {
    List<ConfigNode> elements = node.elements();
    if (elements.isEmpty()) {
      throw ConfigErrors.invalid(node.path(), "[]", "is empty; declare at least one field");
    }
    Set<String> seen = new HashSet<>();
    return elements.stream()
        .map(
            element -> {
              element.requireObject().allowOnly(FIELD);
              String fieldName = element.child("name").string();
              if (!FIELD_NAME.matcher(fieldName).matches()) {
                throw ConfigErrors.invalid(
                    element.child("name").path(),
                    fieldName,
                    "is not a field name; use letters, digits and _, starting with a letter"
                        + " (names starting with _ are splitflow's)");
              }
              if (!seen.add(fieldName)) {
                throw ConfigErrors.invalid(
                    element.child("name").path(), fieldName, "is declared twice");
              }
              FieldType type = choice(element.child("type"), FieldType.class, null);
              return new FieldSpec(fieldName, type, element.child("required").bool(false));
            })
        .toList();
  }

  private static DatasetConfig.MergeSettings merge(ConfigNode node, List<FieldSpec> fields) {
    List<String> keys = requiredFields(node.child("keys"), fields, "merge key");
    List<String> sequenceBy = requiredFields(node.child("sequence-by"), fields, "sequence column");
    return new DatasetConfig.MergeSettings(
        choice(node.child("mode"), MergeMode.class, DatasetConfig.MergeSettings.DEFAULT_MODE),
        keys,
        sequenceBy);
  }

  /** Keys and sequence columns must be declared fields and required: a null would not compare. */
  private static List<String> requiredFields(ConfigNode node, List<FieldSpec> fields, String role) {
    List<String> names = node.stringList();
    for (String name : names) {
      FieldSpec field = fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
      if (field == null) {
        throw ConfigErrors.invalid(
            node.path(),
            name,
            "is not a declared field; declared: "
                + String.join(", ", fields.stream().map(FieldSpec::name).toList()));
      }
      if (!field.required()) {
        throw ConfigErrors.invalid(
            node.path(), name, "is a " + role + " and must be declared with required: true");
      }
    }
    return names;
  }

  private static Map<TableLayer, TableRef> tables(
      String dataset, ConfigNode node, LakeSettings lake) {
    Set<String> layers = new HashSet<>();
    for (TableLayer layer : TableLayer.values()) {
      layers.add(layer.configName());
    }
    node.allowOnly(layers);
    Map<TableLayer, TableRef> tables = new EnumMap<>(TableLayer.class);
    for (TableLayer layer : TableLayer.values()) {
      ConfigNode table = node.child(layer.configName());
      tables.put(
          layer, table.isMissing() ? defaultTable(dataset, layer, lake) : explicitTable(table));
    }
    return tables;
  }

  private static TableRef defaultTable(String dataset, TableLayer layer, LakeSettings lake) {
    return lake.catalog()
        .map(catalog -> TableRef.named(catalog + "." + layer.storageName() + "." + dataset))
        .orElseGet(
            () -> TableRef.atPath(LakePaths.join(lake.root(), layer.storageName(), dataset)));
  }

  private static TableRef explicitTable(ConfigNode node) {
    node.requireObject().allowOnly(TABLE);
    boolean hasPath = !node.child("path").isMissing();
    boolean hasTable = !node.child("table").isMissing();
    if (hasPath == hasTable) {
      throw ConfigErrors.invalid(
          node.path(), hasPath ? "path and table" : "{}", "needs exactly one of path or table");
    }
    return hasPath
        ? TableRef.atPath(LakePaths.normalizeRoot(node.child("path").string()))
        : TableRef.named(node.child("table").string());
  }

  static <E extends Enum<E>> E choice(ConfigNode node, Class<E> type, E fallback) {
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
