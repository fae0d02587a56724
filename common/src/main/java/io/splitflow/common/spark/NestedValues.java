package io.splitflow.common.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.transform_values;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Expressions over nested column values (structs, arrays, maps, to any depth), built from the
 * column's type. A Spark map keeps its entries in the order they were stored, and the same map
 * stored in another order is not equal to it, nor does it print the same JSON; nor can a map be
 * compared, sorted or used in a set operation at all. These expressions put maps in key order.
 * Every one returns its column unchanged when the type holds no map (or, for {@link #conformed}, no
 * difference), so flat columns compute exactly what they did before.
 */
public final class NestedValues {
  private static final String KEY = "key";

  private NestedValues() {}

  /** Whether a map occurs anywhere in {@code type}. */
  public static boolean hasMap(DataType type) {
    if (type instanceof MapType) {
      return true;
    }
    if (type instanceof ArrayType array) {
      return hasMap(array.elementType());
    }
    if (type instanceof StructType struct) {
      for (StructField field : struct.fields()) {
        if (hasMap(field.dataType())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code value} with every map in it rebuilt in key order: the same type, and the same JSON for
   * the same entries whatever order they were stored in.
   */
  public static Column canonical(Column value, DataType type) {
    return rebuilt(value, type, true);
  }

  /**
   * {@code value} with every map in it replaced by its entries ({@code key}, {@code value}) sorted
   * by key: a value Spark can compare, sort and group, equal for the same entries in any order.
   */
  public static Column comparable(Column value, DataType type) {
    return rebuilt(value, type, false);
  }

  private static Column rebuilt(Column value, DataType type, boolean asMap) {
    if (!hasMap(type)) {
      return value;
    }
    if (type instanceof MapType map) {
      Column entries =
          array_sort(
              map_entries(transform_values(value, (k, v) -> rebuilt(v, map.valueType(), asMap))),
              NestedValues::byKey);
      return asMap ? map_from_entries(entries) : entries;
    }
    if (type instanceof ArrayType array) {
      return transform(value, element -> rebuilt(element, array.elementType(), asMap));
    }
    StructType struct = (StructType) type;
    List<Column> fields = new ArrayList<>();
    for (StructField field : struct.fields()) {
      fields.add(rebuilt(value.getField(field.name()), field.dataType(), asMap).as(field.name()));
    }
    return nullWhenNull(value, struct(fields.toArray(Column[]::new)));
  }

  /**
   * {@code value}, of type {@code from}, as type {@code to} where the two differ only in the fields
   * of their structs (at any depth): fields {@code to} has and {@code from} lacks read as null,
   * fields {@code to} lacks are left out, and fields are in {@code to}'s order. A column read from
   * a table written before a struct gained a field thus reads as it would after Delta added it.
   */
  public static Column conformed(Column value, DataType from, DataType to) {
    if (!fieldsDiffer(from, to)) {
      return value;
    }
    if (from instanceof StructType source && to instanceof StructType target) {
      List<Column> fields = new ArrayList<>();
      for (StructField field : target.fields()) {
        Column nested =
            source.getFieldIndex(field.name()).isDefined()
                ? conformed(
                    value.getField(field.name()),
                    source.apply(field.name()).dataType(),
                    field.dataType())
                : lit(null).cast(field.dataType());
        fields.add(nested.as(field.name()));
      }
      return nullWhenNull(value, struct(fields.toArray(Column[]::new)));
    }
    if (from instanceof ArrayType source && to instanceof ArrayType target) {
      return transform(
          value, element -> conformed(element, source.elementType(), target.elementType()));
    }
    if (from instanceof MapType source && to instanceof MapType target) {
      return transform_values(
          value, (k, v) -> conformed(v, source.valueType(), target.valueType()));
    }
    return value; // scalars, or shapes that differ: left for Spark or Delta to refuse
  }

  /** Whether the struct fields of the two types differ in name or order, at any depth. */
  public static boolean fieldsDiffer(DataType from, DataType to) {
    if (from instanceof StructType source && to instanceof StructType target) {
      if (!Arrays.equals(source.fieldNames(), target.fieldNames())) {
        return true;
      }
      for (StructField field : target.fields()) {
        if (fieldsDiffer(source.apply(field.name()).dataType(), field.dataType())) {
          return true;
        }
      }
      return false;
    }
    if (from instanceof ArrayType source && to instanceof ArrayType target) {
      return fieldsDiffer(source.elementType(), target.elementType());
    }
    if (from instanceof MapType source && to instanceof MapType target) {
      return fieldsDiffer(source.valueType(), target.valueType());
    }
    return false;
  }

  /** A rebuilt struct is never null by itself: a null struct stays null (to_json leaves it out). */
  private static Column nullWhenNull(Column original, Column rebuilt) {
    return when(original.isNotNull(), rebuilt);
  }

  /** Map keys are unique and never null, so comparing them alone orders the entries totally. */
  private static Column byKey(Column left, Column right) {
    Column l = left.getField(KEY);
    Column r = right.getField(KEY);
    return when(l.lt(r), lit(-1)).when(l.gt(r), lit(1)).otherwise(lit(0));
  }
}
