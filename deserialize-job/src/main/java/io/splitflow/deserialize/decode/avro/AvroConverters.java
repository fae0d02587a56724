package io.splitflow.deserialize.decode.avro;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Builds the {@link AvroConverter} of a field from its reader schema and its column type. The
 * column type must be the one {@link AvroFieldMapping} derives from the schema, with one allowance
 * kept for datasets that predate timestamp_ntz: a {@code local-timestamp-*} may be read into a
 * {@code timestamp} column, taken as UTC.
 */
final class AvroConverters {

  private AvroConverters() {}

  /** The converter, or null if {@code type} is not the column type of {@code schema}. */
  static AvroConverter of(Schema schema, FieldType type) {
    String logical = logicalName(schema);
    return switch (schema.getType()) {
      case STRING -> type == FieldType.STRING ? AvroConverter.Scalar.STRING : null;
      case ENUM -> type == FieldType.STRING ? AvroConverter.Scalar.ENUM : null;
      case BOOLEAN -> type == FieldType.BOOLEAN ? AvroConverter.Scalar.SAME : null;
      case FLOAT -> type == FieldType.FLOAT ? AvroConverter.Scalar.SAME : null;
      case DOUBLE -> type == FieldType.DOUBLE ? AvroConverter.Scalar.SAME : null;
      case INT ->
          logical == null
              ? type == FieldType.INT ? AvroConverter.Scalar.SAME : null
              : logical.equals("date") && type == FieldType.DATE ? AvroConverter.Scalar.DATE : null;
      case LONG ->
          logical == null
              ? (type == FieldType.LONG ? AvroConverter.Scalar.SAME : null)
              : timestamp(logical, type);
      case BYTES, FIXED -> bytes(schema, type);
      case RECORD -> type instanceof FieldType.Struct struct ? record(schema, struct) : null;
      case ARRAY -> {
        AvroConverter element =
            type instanceof FieldType.Array array
                ? of(schema.getElementType(), array.element())
                : null;
        yield element == null ? null : new AvroConverter.Array(element);
      }
      case MAP -> {
        AvroConverter value =
            type instanceof FieldType.Map map ? of(schema.getValueType(), map.value()) : null;
        yield value == null ? null : new AvroConverter.Map(value);
      }
      case UNION -> union(schema, type);
      case NULL -> null;
    };
  }

  private static AvroConverter timestamp(String logical, FieldType type) {
    boolean local = logical.startsWith("local-timestamp-");
    if (!local && !logical.startsWith("timestamp-")) {
      return null;
    }
    if (type == FieldType.TIMESTAMP) {
      return switch (logical.substring(logical.lastIndexOf('-') + 1)) {
        case "millis" -> AvroConverter.Scalar.TIMESTAMP_MILLIS;
        case "micros" -> AvroConverter.Scalar.TIMESTAMP_MICROS;
        default -> AvroConverter.Scalar.TIMESTAMP_NANOS;
      };
    }
    if (local && type == FieldType.TIMESTAMP_NTZ) {
      return switch (logical.substring(logical.lastIndexOf('-') + 1)) {
        case "millis" -> AvroConverter.Scalar.LOCAL_TIMESTAMP_MILLIS;
        case "micros" -> AvroConverter.Scalar.LOCAL_TIMESTAMP_MICROS;
        default -> AvroConverter.Scalar.LOCAL_TIMESTAMP_NANOS;
      };
    }
    return null;
  }

  private static AvroConverter bytes(Schema schema, FieldType type) {
    boolean fixed = schema.getType() == Schema.Type.FIXED;
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      return type instanceof FieldType.Decimal d
              && d.precision() == decimal.getPrecision()
              && d.scale() == decimal.getScale()
          ? new AvroConverter.Decimal(d, fixed)
          : null;
    }
    if (type != FieldType.BINARY) {
      return null;
    }
    return fixed ? AvroConverter.Scalar.FIXED : AvroConverter.Scalar.BYTES;
  }

  private static AvroConverter record(Schema schema, FieldType.Struct struct) {
    List<FieldSpec> members = struct.fields();
    List<Schema.Field> fields = schema.getFields();
    if (members.size() != fields.size()) {
      return null;
    }
    String[] names = new String[fields.size()];
    int[] positions = new int[fields.size()];
    AvroConverter[] converters = new AvroConverter[fields.size()];
    boolean canFail = false;
    for (int i = 0; i < fields.size(); i++) {
      Schema.Field field = fields.get(i);
      if (!field.name().equals(members.get(i).name())) {
        return null;
      }
      names[i] = field.name();
      positions[i] = field.pos();
      converters[i] = of(field.schema(), members.get(i).type());
      if (converters[i] == null) {
        return null;
      }
      canFail |= converters[i].canFail();
    }
    return new AvroConverter.Record(names, positions, converters, canFail);
  }

  private static AvroConverter union(Schema schema, FieldType type) {
    List<Schema> branches = AvroFieldMapping.nonNull(schema);
    if (branches.isEmpty()) {
      return null;
    }
    if (branches.size() == 1) {
      return of(branches.get(0), type);
    }
    if (AvroFieldMapping.widens(schema)) {
      boolean integral = branches.stream().anyMatch(b -> b.getType() == Schema.Type.INT);
      return type == FieldType.LONG && integral
          ? AvroConverter.Scalar.TO_LONG
          : type == FieldType.DOUBLE && !integral ? AvroConverter.Scalar.TO_DOUBLE : null;
    }
    if (!(type instanceof FieldType.Struct struct) || struct.fields().size() != branches.size()) {
      return null;
    }
    AvroConverter.Branch[] kinds = new AvroConverter.Branch[branches.size()];
    String[] names = new String[branches.size()];
    AvroConverter[] members = new AvroConverter[branches.size()];
    boolean canFail = false;
    for (int i = 0; i < branches.size(); i++) {
      names[i] = AvroFieldMapping.memberName(i);
      FieldSpec member = struct.fields().get(i);
      members[i] = member.name().equals(names[i]) ? of(branches.get(i), member.type()) : null;
      if (members[i] == null) {
        return null;
      }
      kinds[i] = branch(branches.get(i));
      canFail |= members[i].canFail();
    }
    return new AvroConverter.Union(kinds, names, members, canFail);
  }

  /** How GenericDatumReader represents a value of {@code schema}: its class, its name if named. */
  private static AvroConverter.Branch branch(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> new AvroConverter.Branch(GenericRecord.class, schema.getFullName());
      case ENUM -> new AvroConverter.Branch(GenericEnumSymbol.class, schema.getFullName());
      case FIXED -> new AvroConverter.Branch(GenericFixed.class, schema.getFullName());
      case ARRAY -> new AvroConverter.Branch(List.class, null);
      case MAP -> new AvroConverter.Branch(java.util.Map.class, null);
      case STRING -> new AvroConverter.Branch(CharSequence.class, null);
      case BYTES -> new AvroConverter.Branch(ByteBuffer.class, null);
      case INT -> new AvroConverter.Branch(Integer.class, null);
      case LONG -> new AvroConverter.Branch(Long.class, null);
      case FLOAT -> new AvroConverter.Branch(Float.class, null);
      case DOUBLE -> new AvroConverter.Branch(Double.class, null);
      case BOOLEAN -> new AvroConverter.Branch(Boolean.class, null);
      case UNION, NULL -> throw new IllegalStateException("a union branch cannot be " + schema);
    };
  }

  private static String logicalName(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    return logical == null ? null : logical.getName();
  }
}
