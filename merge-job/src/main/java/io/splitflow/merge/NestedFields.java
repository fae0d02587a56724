package io.splitflow.merge;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * How a declared nested type meets the nested type a table holds: widened by the struct fields
 * bronze gained (schema evolution carries them to gold), or narrowed to the struct fields gold has
 * (without it, gold keeps its layout). Only struct fields differ; everything else is the declared
 * type's.
 */
final class NestedFields {
  private NestedFields() {}

  /**
   * {@code declared} with the struct fields {@code found} has beyond it, at any depth, appended.
   */
  static FieldType widened(FieldType declared, FieldType found) {
    if (declared instanceof FieldType.Struct struct && found instanceof FieldType.Struct other) {
      Map<String, FieldSpec> byName = byName(other.fields());
      List<FieldSpec> fields = new ArrayList<>();
      for (FieldSpec field : struct.fields()) {
        FieldSpec match = byName.remove(field.name());
        fields.add(
            match == null
                ? field
                : new FieldSpec(field.name(), widened(field.type(), match.type()), false));
      }
      other.fields().stream().filter(f -> byName.containsKey(f.name())).forEach(fields::add);
      return FieldType.struct(fields);
    }
    if (declared instanceof FieldType.Array array && found instanceof FieldType.Array other) {
      return FieldType.array(widened(array.element(), other.element()));
    }
    if (declared instanceof FieldType.Map map && found instanceof FieldType.Map other) {
      return FieldType.map(widened(map.value(), other.value()));
    }
    return declared;
  }

  /**
   * {@code declared} without the struct fields {@code stored} lacks, at any depth (a struct none of
   * whose fields are stored keeps its declared ones: a struct has at least one field).
   */
  static FieldType narrowed(FieldType declared, DataType stored) {
    if (declared instanceof FieldType.Struct struct && stored instanceof StructType other) {
      List<FieldSpec> fields = new ArrayList<>();
      for (FieldSpec field : struct.fields()) {
        if (other.getFieldIndex(field.name()).isDefined()) {
          DataType type = other.apply(field.name()).dataType();
          fields.add(new FieldSpec(field.name(), narrowed(field.type(), type), false));
        }
      }
      return fields.isEmpty() ? declared : FieldType.struct(fields);
    }
    if (declared instanceof FieldType.Array array && stored instanceof ArrayType other) {
      return FieldType.array(narrowed(array.element(), other.elementType()));
    }
    if (declared instanceof FieldType.Map map && stored instanceof MapType other) {
      return FieldType.map(narrowed(map.value(), other.valueType()));
    }
    return declared;
  }

  private static Map<String, FieldSpec> byName(List<FieldSpec> fields) {
    return fields.stream()
        .collect(
            Collectors.toMap(
                FieldSpec::name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
  }
}
