package io.splitflow.common.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * Derives a dataset's fields from an Avro record schema: a field is required unless it is a union
 * with null, and dates and timestamps come from Avro's logical types. Depends only on Avro and
 * common's schema types, so the configuration loader can use it.
 */
public final class AvroFieldMapping {

  static final String SUPPORTED =
      "use string, int, long, float, double, boolean, date or timestamp-millis/micros/nanos";

  private AvroFieldMapping() {}

  /** The fields of {@code record}, in its order; IllegalArgumentException names a bad field. */
  public static List<FieldSpec> fields(Schema record) {
    if (record.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "the Avro schema must be a record, found " + record.getType().getName());
    }
    List<FieldSpec> fields = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      fields.add(new FieldSpec(field.name(), type(field), !nullable(field.schema())));
    }
    return fields;
  }

  /** The column type of a field, from the branch that is not null if it is a union with null. */
  public static FieldType.Scalar type(Schema.Field field) {
    Schema schema = valueSchema(field);
    String logical = logicalName(schema);
    FieldType.Scalar type =
        switch (schema.getType()) {
          case STRING -> FieldType.STRING;
          case INT ->
              logical == null ? FieldType.INT : logical.equals("date") ? FieldType.DATE : null;
          case LONG ->
              logical == null ? FieldType.LONG : timestamp(logical) ? FieldType.TIMESTAMP : null;
          case FLOAT -> FieldType.FLOAT;
          case DOUBLE -> FieldType.DOUBLE;
          case BOOLEAN -> FieldType.BOOLEAN;
          default -> null;
        };
    if (type == null) {
      String found = schema.getType().getName() + (logical == null ? "" : " (" + logical + ")");
      throw new IllegalArgumentException(
          "field '" + field.name() + "': Avro type " + found + " is not supported; " + SUPPORTED);
    }
    return type;
  }

  /**
   * The schema of a field's values: itself, or the other branch of a union with null;
   * IllegalArgumentException for any other union.
   */
  public static Schema valueSchema(Schema.Field field) {
    Schema schema = field.schema();
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> branches = schema.getTypes();
    if (branches.size() == 2 && nullable(schema)) {
      return branches.get(branches.get(0).getType() == Schema.Type.NULL ? 1 : 0);
    }
    throw new IllegalArgumentException(
        "field '"
            + field.name()
            + "': Avro union "
            + branches.stream().map(Schema::getName).toList()
            + " is not supported; a union may only pair null with one type");
  }

  /**
   * The name of a logical type Avro knows and that is valid where it stands, or null; Avro itself
   * ignores the others, and so do we.
   */
  private static String logicalName(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    return logical == null ? null : logical.getName();
  }

  private static boolean timestamp(String logical) {
    return logical.matches("(local-)?timestamp-(millis|micros|nanos)");
  }

  private static boolean nullable(Schema schema) {
    return schema.getType() == Schema.Type.UNION
        && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
  }
}
