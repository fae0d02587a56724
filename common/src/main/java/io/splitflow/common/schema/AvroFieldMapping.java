package io.splitflow.common.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Derives a dataset's fields from an Avro record schema: a field is required unless it is a union
 * with null. Nested types map as Spark's {@code from_avro} maps them: a record is a struct, an
 * array an array, a map a {@code map<string, ...>}, an enum a string, fixed and bytes binary (or
 * {@code decimal(p,s)} with the decimal logical type), {@code uuid} a string, {@code date} a date,
 * {@code timestamp-*} a timestamp and {@code local-timestamp-*} a timestamp_ntz. A union of null
 * and one type is that type; a union of int and long is a long, of float and double a double; any
 * other union is a struct with one optional member per branch but null, {@code member0}, {@code
 * member1}, ... in the union's order. Depends only on Avro and common's schema types, so the
 * configuration loader can use it.
 */
public final class AvroFieldMapping {

  static final String SUPPORTED =
      "use string, int, long, float, double, boolean, date or timestamp-millis/micros/nanos";

  static final String NESTED_SUPPORTED =
      "use a record, array, map, enum, fixed, bytes, string, int, long, float, double, boolean or"
          + " union, with the logical types decimal, uuid, date, timestamp-* and local-timestamp-*";

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

  /**
   * The column type of a field, nested types included; IllegalArgumentException names the path of
   * what does not map, {@code field 'order.items[].price'} ({@code []} for an array's elements and
   * a map's values).
   */
  public static FieldType type(Schema.Field field) {
    Set<String> enclosing = new HashSet<>();
    return type(field.schema(), field.name(), enclosing);
  }

  private static FieldType type(Schema schema, String path, Set<String> enclosing) {
    String logical = logicalName(schema);
    FieldType type =
        switch (schema.getType()) {
          case STRING -> FieldType.STRING;
          case ENUM -> FieldType.STRING;
          case INT ->
              logical == null ? FieldType.INT : logical.equals("date") ? FieldType.DATE : null;
          case LONG ->
              logical == null
                  ? FieldType.LONG
                  : logical.startsWith("local-timestamp-")
                      ? FieldType.TIMESTAMP_NTZ
                      : logical.startsWith("timestamp-") ? FieldType.TIMESTAMP : null;
          case FLOAT -> FieldType.FLOAT;
          case DOUBLE -> FieldType.DOUBLE;
          case BOOLEAN -> FieldType.BOOLEAN;
          case BYTES, FIXED -> bytes(schema, path);
          case RECORD -> record(schema, path, enclosing);
          case ARRAY ->
              nest(
                  path,
                  () -> FieldType.array(type(schema.getElementType(), path + "[]", enclosing)));
          case MAP ->
              nest(path, () -> FieldType.map(type(schema.getValueType(), path + "[]", enclosing)));
          case UNION -> union(schema, path, enclosing);
          case NULL -> null;
        };
    if (type == null) {
      String found = schema.getType().getName() + (logical == null ? "" : " (" + logical + ")");
      throw new IllegalArgumentException(
          "field '" + path + "': Avro type " + found + " is not supported; " + NESTED_SUPPORTED);
    }
    return type;
  }

  private static FieldType bytes(Schema schema, String path) {
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      try {
        return FieldType.decimal(decimal.getPrecision(), decimal.getScale());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("field '" + path + "': " + e.getMessage());
      }
    }
    return FieldType.BINARY;
  }

  private static FieldType record(Schema schema, String path, Set<String> enclosing) {
    if (!enclosing.add(schema.getFullName())) {
      throw new IllegalArgumentException(
          "field '"
              + path
              + "': Avro record "
              + schema.getFullName()
              + " contains itself, which no column type can; make the recursion a string"
              + " (e.g. JSON) or cut it at a fixed depth");
    }
    if (schema.getFields().isEmpty()) {
      throw new IllegalArgumentException(
          "field '" + path + "': Avro record " + schema.getFullName() + " has no fields");
    }
    List<FieldSpec> members = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      members.add(
          new FieldSpec(
              field.name(), type(field.schema(), path + "." + field.name(), enclosing), false));
    }
    enclosing.remove(schema.getFullName());
    return nest(path, () -> FieldType.struct(members));
  }

  private static FieldType union(Schema schema, String path, Set<String> enclosing) {
    List<Schema> branches = nonNull(schema);
    if (branches.isEmpty()) {
      return null;
    }
    if (branches.size() == 1) {
      return type(branches.get(0), path, enclosing);
    }
    if (widens(schema)) {
      boolean integral = branches.stream().anyMatch(b -> b.getType() == Schema.Type.INT);
      return integral ? FieldType.LONG : FieldType.DOUBLE;
    }
    List<FieldSpec> members = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      String name = memberName(i);
      members.add(new FieldSpec(name, type(branches.get(i), path + "." + name, enclosing), false));
    }
    return nest(path, () -> FieldType.struct(members));
  }

  /** The name of the struct member holding a union's {@code i}th branch that is not null. */
  public static String memberName(int i) {
    return "member" + i;
  }

  /** A union's branches but null, in order. */
  public static List<Schema> nonNull(Schema union) {
    return union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
  }

  /**
   * Whether a union of int and long (or float and double) is a long (a double): Spark widens such
   * unions only when no branch has a logical type, and so do we.
   */
  public static boolean widens(Schema union) {
    List<Schema> branches = nonNull(union);
    if (branches.size() != 2 || !plain(branches)) {
      return false;
    }
    Set<Schema.Type> kinds = Set.of(branches.get(0).getType(), branches.get(1).getType());
    return kinds.equals(Set.of(Schema.Type.INT, Schema.Type.LONG))
        || kinds.equals(Set.of(Schema.Type.FLOAT, Schema.Type.DOUBLE));
  }

  private static boolean plain(List<Schema> branches) {
    return branches.stream().allMatch(b -> b.getLogicalType() == null);
  }

  private static FieldType nest(String path, java.util.function.Supplier<FieldType> type) {
    try {
      return type.get();
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("field '")) {
        throw e;
      }
      throw new IllegalArgumentException("field '" + path + "': " + e.getMessage());
    }
  }

  /**
   * The scalar column type of a top-level field, from the branch that is not null if it is a union
   * with null: for the decoders and schema evolution that read scalars only. Local timestamps are
   * timestamps here, read as UTC.
   */
  public static FieldType.Scalar scalarType(Schema.Field field) {
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
