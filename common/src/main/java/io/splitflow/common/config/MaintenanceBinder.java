package io.splitflow.common.config;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.trigger.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructType;

/**
 * Binds the upkeep keys: {@code maintenance}, {@code metrics}, and the layout and maintenance keys
 * of {@code datasets.<name>.tables.<layer>}.
 */
final class MaintenanceBinder {
  static final Set<String> MAINTENANCE = Set.of("vacuum-retention", "optimize", "raw-retention");
  static final Set<String> METRICS = Set.of("prometheus");

  /** The keys of a table entry besides {@code path} and {@code table}. */
  static final Set<String> TABLE_KEYS =
      Set.of("partition-by", "cluster-by", "vacuum-retention", "optimize");

  private static final Pattern DAYS = Pattern.compile("(\\d+)d");

  private MaintenanceBinder() {}

  static MaintenanceSettings maintenance(ConfigNode node) {
    if (node.isMissing()) {
      return MaintenanceSettings.DEFAULT;
    }
    node.requireObject().allowOnly(MAINTENANCE);
    ConfigNode vacuum = node.child("vacuum-retention");
    ConfigNode raw = node.child("raw-retention");
    return new MaintenanceSettings(
        vacuum.isMissing() ? MaintenanceSettings.DEFAULT_VACUUM_RETENTION : duration(vacuum),
        node.child("optimize").bool(MaintenanceSettings.DEFAULT_OPTIMIZE),
        raw.isMissing() ? Optional.empty() : Optional.of(duration(raw)));
  }

  static MetricsSettings metrics(ConfigNode node) {
    if (node.isMissing()) {
      return MetricsSettings.DEFAULT;
    }
    node.requireObject().allowOnly(METRICS);
    return new MetricsSettings(node.child("prometheus").bool(false));
  }

  static boolean hasTableKeys(ConfigNode table) {
    return TABLE_KEYS.stream().anyMatch(key -> !table.child(key).isMissing());
  }

  /** One table's settings; columns are checked against the layer's schema where it is known. */
  static TableSettings table(
      ConfigNode node, TableLayer layer, List<FieldSpec> fields, boolean goldPartitioned) {
    if (node.isMissing()) {
      return TableSettings.DEFAULT;
    }
    ConfigNode partitionBy = node.child("partition-by");
    ConfigNode clusterBy = node.child("cluster-by");
    if (!partitionBy.isMissing() && !clusterBy.isMissing()) {
      throw ConfigErrors.invalid(
          node.path(),
          "partition-by and cluster-by",
          "sets both; a Delta table is either partitioned or clustered");
    }
    if (layer == TableLayer.GOLD && !partitionBy.isMissing()) {
      throw ConfigErrors.invalid(
          partitionBy.path(), "[...]", "is not set here for gold; use merge.partition-by");
    }
    if (layer == TableLayer.GOLD && !clusterBy.isMissing() && goldPartitioned) {
      throw ConfigErrors.invalid(
          clusterBy.path(),
          "[...]",
          "cannot be combined with merge.partition-by; a Delta table is either partitioned or"
              + " clustered");
    }
    ConfigNode vacuum = node.child("vacuum-retention");
    ConfigNode optimize = node.child("optimize");
    return new TableSettings(
        columns(partitionBy, layer, fields),
        columns(clusterBy, layer, fields),
        vacuum.isMissing() ? Optional.empty() : Optional.of(duration(vacuum)),
        optimize.isMissing() ? Optional.empty() : Optional.of(optimize.bool(true)));
  }

  private static Optional<List<String>> columns(
      ConfigNode node, TableLayer layer, List<FieldSpec> fields) {
    if (node.isMissing()) {
      return Optional.empty();
    }
    List<String> columns = node.stringList();
    StructType schema = schema(layer, fields);
    for (String column : columns) {
      if (schema != null && !Set.of(schema.fieldNames()).contains(column)) {
        throw ConfigErrors.invalid(
            node.path(),
            column,
            "is not a column of the "
                + layer.configName()
                + " table; its columns: "
                + String.join(", ", schema.fieldNames()));
      }
      for (FieldSpec field : fields) {
        if (field.name().equals(column) && field.type().isNested()) {
          // Delta partitions and clusters by scalar columns only
          throw ConfigErrors.invalid(
              node.path(),
              column,
              "cannot be of nested type "
                  + field.type().typeName()
                  + "; a table is partitioned or clustered by scalar columns");
        }
      }
    }
    return Optional.of(columns);
  }

  /** The layer's columns, or null where the schema is the merge job's (merge-events). */
  private static StructType schema(TableLayer layer, List<FieldSpec> fields) {
    return switch (layer) {
      case RAW -> TableSchemas.raw();
      case BRONZE -> TableSchemas.bronze(fields);
      case DEAD_LETTER -> TableSchemas.deadLetter();
      case GOLD -> new StructType(TableSchemas.bronze(fields).fields());
      case MERGE_EVENTS -> null;
    };
  }

  /** A duration as elsewhere ({@code 30s}, {@code 168h}), or in days ({@code 7d}). */
  static Duration duration(ConfigNode node) {
    String text = node.string().trim();
    Matcher days = DAYS.matcher(text);
    if (days.matches()) {
      return Duration.ofDays(Long.parseLong(days.group(1)));
    }
    Duration parsed = Durations.parse(text, node.path());
    if (parsed.isNegative()) {
      throw ConfigErrors.invalid(node.path(), text, "is negative");
    }
    return parsed;
  }
}
