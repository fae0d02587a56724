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
