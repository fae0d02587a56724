package io.splitflow.common.config;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.table.LakePaths;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.trigger.Durations;
import io.splitflow.common.trigger.TriggerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates and builds one entry of {@code datasets}. */
final class DatasetBinder {
  private static final Set<String> DATASET =
      Set.of(
          "topic",
          "format",
          "fields",
          "columns",
          "schema",
          "unknown-fields",
          "decimal-rounding",
          "decimal-handling",
          "envelope",
          "protobuf",
          "registry",
          "tombstones",
          "rules",
          "max-dead-letter-ratio",
          "schema-evolution",
          "schema-growth",
          "merge",
          "trigger",
          "tables",
          "freshness-slo",
          "sizing");
  private static final Set<String> TABLE =
      Set.of("path", "table", "partition-by", "cluster-by", "vacuum-retention", "optimize");
  private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final String NAME_PART = "(?:[A-Za-z_][A-Za-z0-9_]*|`(?:[^`]|``)+`)";

  private static final Pattern CATALOG_NAME = Pattern.compile(NAME_PART);

  /** A table name as Spark SQL parses it: one to three parts, backquoted where need be. */
  private static final Pattern TABLE_NAME =
      Pattern.compile(NAME_PART + "(?:\\." + NAME_PART + "){0,2}");

  private DatasetBinder() {}

  static DatasetConfig bind(String name, ConfigNode node, LakeSettings lake, Path baseDir) {
    if (!DATASET_NAME.matcher(name).matches()) {
      throw ConfigErrors.invalid(
          node.path(),
          name,
          "is not a dataset name; use letters, digits and _, starting with a letter");
    }
    node.requireObject().allowOnly(DATASET);
    DataFormat format = Choices.of(node.child("format"), DataFormat.class, DataFormat.JSON);
    FieldsBinder.Bound schema = FieldsBinder.bind(node, format, baseDir);
    List<FieldSpec> fields = schema.fields();
    ConfigNode trigger = node.child("trigger");
    DecodeSettings decode = DecodeBinder.bind(node, format, schema.avroSchema(), fields, baseDir);
    FieldsBinder.requireDecodable(schema, format, decode.envelope());
    SchemaEvolution evolution =
        Choices.of(node.child("schema-evolution"), SchemaEvolution.class, SchemaEvolution.NONE);
    if (decode.unknownFields() == UnknownFields.KEEP) {
      requireKeepable(node, format, decode.envelope(), evolution);
    }
    List<ComputedColumn> columns = ColumnsBinder.bind(node, fields, decode.envelope(), evolution);
    List<FieldSpec> declared = fields;
    fields = DatasetConfig.withColumns(declared, columns);
    DatasetConfig.MergeSettings merge = MergeBinder.bind(node.child("merge"), fields);
    ColumnsBinder.requireTombstoneKeys(node, decode, merge.keys(), columns);
    return new DatasetConfig(
        name,
        node.child("topic").string(),
        format,
        declared,
        decode,
        evolution,
        merge,
        trigger.isMissing()
            ? Optional.empty()
            : Optional.of(TriggerSpec.parse(trigger.string(), trigger.path())),
        tables(name, node.child("tables"), lake),
        tableSettings(
            node.child("tables"), fields, !node.child("merge").child("partition-by").isMissing()),
        freshnessSlo(node.child("freshness-slo")),
        SizingBinder.bind(node.child("sizing")),
        SchemaGrowthBinder.bind(node.child("schema-growth"), evolution),
        columns);
  }

  /**
   * {@code unknown-fields: keep} is the JSON decoder's (the other formats have no field outside
   * their schema to keep), and excludes {@code schema-evolution: add-columns}, which turns the same
   * fields into columns.
   */
  private static void requireKeepable(
      ConfigNode node, DataFormat format, Envelope envelope, SchemaEvolution evolution) {
    ConfigNode keep = node.child("unknown-fields");
    if (format != DataFormat.JSON || envelope != Envelope.NONE) {
      throw ConfigErrors.invalid(
          keep.path(),
          "keep",
          "is supported with format json without an envelope only; format "
              + format.configName()
              + (envelope == Envelope.NONE ? "" : " with envelope debezium")
              + " decodes the schema's fields only");
    }
    if (evolution == SchemaEvolution.ADD_COLUMNS) {
      throw ConfigErrors.invalid(
          keep.path(),
          "keep",
          "excludes schema-evolution: add-columns, which makes unknown fields columns; choose one");
    }
  }

  private static Optional<Duration> freshnessSlo(ConfigNode node) {
    return node.isMissing()
        ? Optional.empty()
        : Optional.of(Durations.parse(node.string(), node.path()));
  }

  private static Map<TableLayer, TableSettings> tableSettings(
      ConfigNode node, List<FieldSpec> fields, boolean goldPartitioned) {
    Map<TableLayer, TableSettings> settings = new EnumMap<>(TableLayer.class);
    for (TableLayer layer : TableLayer.values()) {
      settings.put(
          layer,
          MaintenanceBinder.table(node.child(layer.configName()), layer, fields, goldPartitioned));
    }
    return settings;
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
          layer,
          table.isMissing() || onlyTableSettings(table)
              ? defaultTable(dataset, layer, lake)
              : explicitTable(table));
    }
    return tables;
  }

  private static TableRef defaultTable(String dataset, TableLayer layer, LakeSettings lake) {
    return lake.catalog()
        .map(catalog -> TableRef.named(catalog + "." + layer.storageName() + "." + dataset))
        .orElseGet(
            () -> TableRef.atPath(LakePaths.join(lake.root(), layer.storageName(), dataset)));
  }

  /** An entry that only sets layout or maintenance keys keeps the default location. */
  private static boolean onlyTableSettings(ConfigNode table) {
    table.requireObject().allowOnly(TABLE);
    return table.child("path").isMissing()
        && table.child("table").isMissing()
        && MaintenanceBinder.hasTableKeys(table);
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
        ? TableRef.atPath(StorageBinder.location(node.child("path")))
        : TableRef.named(tableName(node.child("table")));
  }

  /** A catalog table name, checked here so that a typo stops the job before it touches a table. */
  static String tableName(ConfigNode node) {
    return name(node, TABLE_NAME, "table name; use [catalog.][schema.]table");
  }

  /** The catalog of {@code lake.catalog}, the first part of the default table names. */
  static String catalogName(ConfigNode node) {
    return name(node, CATALOG_NAME, "catalog name; give one name");
  }

  private static String name(ConfigNode node, Pattern pattern, String what) {
    String name = node.string();
    if (!pattern.matcher(name).matches()) {
      throw ConfigErrors.invalid(
          node.path(),
          name,
          "is not a "
              + what
              + ", each part letters, digits and _ (not starting with a digit) or `backquoted`");
    }
    return name;
  }

  /** Names that must be declared fields, e.g. merge keys; {@code role} words the error. */
  static List<String> declaredFields(
      ConfigNode node,
      List<FieldSpec> fields,
      String role,
      boolean mustBeRequired,
      boolean mustBeScalar) {
    List<String> names = node.stringList();
    for (String name : names) {
      FieldSpec field = fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
      if (field == null) {
        String top = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (!top.equals(name) && fields.stream().anyMatch(f -> f.name().equals(top))) {
          throw ConfigErrors.invalid(
              node.path(),
              name,
              "is a path inside field '"
                  + top
                  + "'; a "
                  + role
                  + " names a top-level field (name '"
                  + top
                  + "' to take in every value inside it)");
        }
        throw ConfigErrors.invalid(
            node.path(),
            name,
            "is not a declared field; declared: "
                + String.join(", ", fields.stream().map(FieldSpec::name).toList()));
      }
      if (mustBeScalar && field.type().isNested()) {
        throw ConfigErrors.invalid(
            node.path(),
            name,
            "is a "
                + role
                + " and cannot be of nested type "
                + field.type().typeName()
                + "; use a field of a scalar type");
      }
      if (mustBeRequired && !field.required()) {
        throw ConfigErrors.invalid(
            node.path(), name, "is a " + role + " and must be declared with required: true");
      }
    }
    return names;
  }
}
