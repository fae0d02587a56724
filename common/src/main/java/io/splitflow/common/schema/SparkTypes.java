package io.splitflow.common.schema;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Maps the configured field types onto Spark's. */
public final class SparkTypes {
  private SparkTypes() {}

  public static DataType of(FieldType type) {
    return switch (type) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case FLOAT -> DataTypes.FloatType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
    };
  }

  /** The field type stored as {@code type}, or null when no field type is: the inverse of of. */
  public static FieldType fieldTypeOrNull(DataType type) {
    for (FieldType candidate : FieldType.values()) {
      if (of(candidate).equals(type)) {
        return candidate;
      }
    }
    return null;
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
      if (type != null
          && ADDED_NAME.matcher(column.name()).matches()
          && !names.contains(column.name().toLowerCase(java.util.Locale.ROOT))) {
        added.add(new FieldSpec(column.name(), type, false));
      }
    }
    return added;
  }

  private static final java.util.regex.Pattern ADDED_NAME =
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
