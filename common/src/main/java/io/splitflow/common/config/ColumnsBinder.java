package io.splitflow.common.config;

import io.splitflow.common.schema.FieldSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code columns} of a dataset: bronze columns computed by Spark SQL expressions. */
final class ColumnsBinder {
  private static final Set<String> COLUMN = Set.of("name", "type", "expr", "required");
  private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private ColumnsBinder() {}

  /**
   * The computed columns; {@code declared} are the decoded fields, whose names they must not take.
   */
  static List<ComputedColumn> bind(
      ConfigNode dataset, List<FieldSpec> declared, Envelope envelope, SchemaEvolution evolution) {
    ConfigNode node = dataset.child("columns");
    List<ComputedColumn> columns = new ArrayList<>();
    if (node.isMissing()) {
      return columns;
    }
    // first slice: evolving fields, and change events whose key and payload decode apart, would
    // each need the expressions recompiled or split; refused until they are
    if (evolution == SchemaEvolution.ADD_COLUMNS) {
      throw ConfigErrors.invalid(
          node.path(),
          "[...]",
          "cannot be combined with schema-evolution: add-columns yet; declare the fields, or drop"
              + " the computed columns");
    }
    if (envelope == Envelope.DEBEZIUM) {
      throw ConfigErrors.invalid(
          node.path(),
          "[...]",
          "is not supported with envelope debezium yet; compute the columns in gold or downstream");
    }
    Set<String> fieldNames = new HashSet<>();
    declared.forEach(f -> fieldNames.add(f.name()));
    Set<String> seen = new HashSet<>();
    for (ConfigNode element : node.elements()) {
      element.requireObject().allowOnly(COLUMN);
      ConfigNode nameNode = element.child("name");
      String name = nameNode.string();
      if (!COLUMN_NAME.matcher(name).matches()) {
        throw ConfigErrors.invalid(
            nameNode.path(),
            name,
            "is not a column name; use letters, digits and _, starting with a letter"
                + " (names starting with _ are splitflow's)");
      }
      if (fieldNames.contains(name)) {
        throw ConfigErrors.invalid(
            nameNode.path(), name, "is a declared field; give the computed column another name");
      }
      if (!seen.add(name)) {
        throw ConfigErrors.invalid(nameNode.path(), name, "is declared twice");
      }
      columns.add(
          new ComputedColumn(
              name,
              FieldsBinder.type(element.child("type")),
              element.child("expr").string(),
              element.child("required").bool(false)));
    }
    return columns;
  }

  /**
   * A tombstone's Kafka key gives the decoded key fields only, so a dataset that reads tombstones
   * cannot key on a computed column.
   */
  static void requireTombstoneKeys(
      ConfigNode dataset, DecodeSettings decode, List<String> keys, List<ComputedColumn> columns) {
    if (decode.tombstoneKey().isEmpty()) {
      return;
    }
    for (ComputedColumn column : columns) {
      if (keys.contains(column.name())) {
        throw ConfigErrors.invalid(
            dataset.child("merge").child("keys").path(),
            column.name(),
            "is a computed column, and a tombstone's Kafka key gives decoded fields only; key on"
                + " declared fields, or remove tombstones");
      }
    }
  }
}
