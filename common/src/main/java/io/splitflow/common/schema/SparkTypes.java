package io.splitflow.common.schema;

import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Maps the configured field types onto Spark's. */
public final class SparkTypes {
  private SparkTypes() {}

  public static DataType of(FieldType type) {
    if (type instanceof FieldType.Decimal decimal) {
      return DataTypes.createDecimalType(decimal.precision(), decimal.scale());
    }
    if (type instanceof FieldType.Struct struct) {
      return struct(struct.fields());
    }
    if (type instanceof FieldType.Array array) {
      return DataTypes.createArrayType(of(array.element()), true);
    }
    if (type instanceof FieldType.Map map) {
      return DataTypes.createMapType(DataTypes.StringType, of(map.value()), true);
    }
    return switch (type.scalar()) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case FLOAT -> DataTypes.FloatType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case SHORT -> DataTypes.ShortType;
      case BYTE -> DataTypes.ByteType;
      case BINARY -> DataTypes.BinaryType;
      case TIMESTAMP_NTZ -> DataTypes.TimestampNTZType;
    };
  }

  /** The field type stored as {@code type}, or null when no field type is: the inverse of of. */
  public static FieldType fieldTypeOrNull(DataType type) {
    try {
      return fromSpark("", type);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The field type of Spark type {@code type}; IllegalArgumentException naming the field at {@code
   * path} for a type no field type stores. A NOT NULL struct field is a required one; nullable or
   * not, array elements and map values map the same.
   */
  public static FieldType fromSpark(String path, DataType type) {
    for (FieldType.Scalar scalar : FieldType.Scalar.values()) {
      if (of(scalar).equals(type)) {
        return scalar;
      }
    }
    if (type instanceof DecimalType decimal) {
      return FieldType.decimal(decimal.precision(), decimal.scale());
    }
    if (type instanceof ArrayType array) {
      return FieldType.array(fromSpark(path + "[]", array.elementType()));
    }
    if (type instanceof MapType map) {
      if (!map.keyType().equals(DataTypes.StringType)) {
        throw new IllegalArgumentException(
            "field '" + path + "': map keys must be string, found " + map.keyType().simpleString());
      }
      return FieldType.map(fromSpark(path + "[]", map.valueType()));
    }
    if (type instanceof StructType struct) {
      List<FieldSpec> fields = new java.util.ArrayList<>();
      for (StructField field : struct.fields()) {
        String nested = path.isEmpty() ? field.name() : path + "." + field.name();
        fields.add(
            new FieldSpec(field.name(), fromSpark(nested, field.dataType()), !field.nullable()));
      }
      return FieldType.struct(fields);
    }
    throw new IllegalArgumentException(
        "field '"
            + path
            + "': type "
            + type.simpleString()
            + " is not supported; use "
            + TypeParser.ALLOWED);
  }

  /**
   * The columns of {@code table} beyond {@code declared} (by name, without case) that schema
   * evolution added: a name of letters, digits and _ starting with a letter (splitflow's own
   * columns start with _) and a field type's storage type, as optional fields in the table's order.
   */
  public static List<FieldSpec> addedColumns(List<FieldSpec> declared, StructType table) {
    java.util.Set<String> names = new java.util.HashSet<>();
    declared.forEach(field -> names.add(field.name().toLowerCase(java.util.Locale.ROOT)));
    List<FieldSpec> added = new java.util.ArrayList<>();
    for (StructField column : table.fields()) {
      FieldType type = fieldTypeOrNull(column.dataType());
      // schema evolution adds only types every format decodes
      if (type instanceof FieldType.Scalar scalar
          && FieldType.Scalar.EVERY_FORMAT.contains(scalar)
          && ADDED_NAME.matcher(column.name()).matches()
          && !names.contains(column.name().toLowerCase(java.util.Locale.ROOT))) {
        added.add(new FieldSpec(column.name(), type, false));
      }
    }
    return added;
  }

  /**
   * Names a column added by schema evolution may have: those a declared field may have (letters,
   * digits and _, starting with a letter); names starting with _ are splitflow's.
   */
  public static final java.util.regex.Pattern ADDED_NAME =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /**
   * The business columns of a dataset; every one is nullable in storage, requiredness is checked on
   * decode.
   */
  public static StructType struct(List<FieldSpec> fields) {
    StructType struct = new StructType();
    for (FieldSpec field : fields) {
      struct =
          struct.add(
              new StructField(
                  field.name(),
                  of(field.type()),
                  true,
                  org.apache.spark.sql.types.Metadata.empty()));
    }
    return struct;
  }
}
