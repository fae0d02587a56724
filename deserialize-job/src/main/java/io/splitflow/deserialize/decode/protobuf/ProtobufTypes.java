package io.splitflow.deserialize.decode.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Matches a dataset type with a protobuf field and builds the reader of its values: a message is a
 * struct (its fields picked by name, as the top level's are), a repeated field an array, a map a
 * {@code map<string, V>}, an enum a string, bytes binary, {@code google.protobuf.Timestamp} a
 * timestamp and a wrapper ({@code google.protobuf.StringValue}, ...) its scalar. The recursion
 * follows the dataset type, so a message that contains itself is read as deep as the type says.
 */
final class ProtobufTypes {

  static final String TIMESTAMP = "google.protobuf.Timestamp";

  private static final Set<String> WRAPPERS =
      Set.of(
          "google.protobuf.DoubleValue",
          "google.protobuf.FloatValue",
          "google.protobuf.Int64Value",
          "google.protobuf.UInt64Value",
          "google.protobuf.Int32Value",
          "google.protobuf.UInt32Value",
          "google.protobuf.BoolValue",
          "google.protobuf.StringValue",
          "google.protobuf.BytesValue");

  private ProtobufTypes() {}

  /**
   * The reader of {@code field}'s values, repeated and map fields included, as {@code type};
   * IllegalArgumentException naming {@code path} and both types when they do not fit.
   */
  static ProtoReader field(FieldDescriptor field, FieldType type, String path) {
    if (field.isMapField()) {
      if (!(type instanceof FieldType.Map map)) {
        throw refused(field, type, path);
      }
      Descriptor entry = field.getMessageType();
      FieldDescriptor value = entry.findFieldByNumber(2);
      return new NestedReaders.MapReader(
          entry.findFieldByNumber(1), value, single(value, map.value(), path + "[]"));
    }
    if (field.isRepeated()) {
      if (!(type instanceof FieldType.Array array)) {
        throw refused(field, type, path);
      }
      return new NestedReaders.ArrayReader(single(field, array.element(), path + "[]"));
    }
    return single(field, type, path);
  }

  /** The reader of one value of {@code field}'s type, ignoring whether the field repeats. */
  private static ProtoReader single(FieldDescriptor field, FieldType type, String path) {
    ProtoReader reader =
        switch (field.getJavaType()) {
          case MESSAGE -> message(field.getMessageType(), type, path);
          case ENUM -> type == FieldType.STRING ? NestedReaders.EnumReader.NAME : null;
          default -> ScalarReaders.reader(field.getType(), type);
        };
    if (reader == null) {
      throw refused(field, type, path);
    }
    return reader;
  }

  private static ProtoReader message(Descriptor message, FieldType type, String path) {
    String name = message.getFullName();
    if (name.equals(TIMESTAMP) && type == FieldType.TIMESTAMP) {
      return new NestedReaders.TimestampReader(message);
    }
    if (WRAPPERS.contains(name) && !(type instanceof FieldType.Struct)) {
      FieldDescriptor value = message.findFieldByNumber(1);
      ProtoReader scalar = ScalarReaders.reader(value.getType(), type);
      return scalar == null ? null : new NestedReaders.WrapperReader(value, scalar);
    }
    if (!(type instanceof FieldType.Struct struct)) {
      return null;
    }
    List<FieldSpec> fields = struct.fields();
    FieldDescriptor[] descriptors = new FieldDescriptor[fields.size()];
    ProtoReader[] readers = new ProtoReader[fields.size()];
    boolean[] required = new boolean[fields.size()];
    for (int i = 0; i < descriptors.length; i++) {
      FieldSpec spec = fields.get(i);
      required[i] = spec.required();
      String nested = path + "." + spec.name();
      descriptors[i] = find(message, spec.name(), nested);
      readers[i] = field(descriptors[i], spec.type(), nested);
    }
    return new NestedReaders.StructReader(descriptors, readers, required);
  }

  /** {@code message}'s field {@code name}; IllegalArgumentException naming the path if none. */
  static FieldDescriptor find(Descriptor message, String name, String path) {
    FieldDescriptor field = message.findFieldByName(name);
    if (field == null) {
      throw new IllegalArgumentException(
          "field '" + path + "': message " + message.getFullName() + " has no field named " + name);
    }
    return field;
  }

  private static IllegalArgumentException refused(
      FieldDescriptor field, FieldType type, String path) {
    String name = type.typeName();
    return new IllegalArgumentException(
        "field '"
            + path
            + "': protobuf type "
            + typeName(field)
            + " cannot be "
            + ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ")
            + name
            + hint(type));
  }

  /** The field's type as a .proto file would write it. */
  static String typeName(FieldDescriptor field) {
    if (field.isMapField()) {
      Descriptor entry = field.getMessageType();
      return "map<"
          + single(entry.findFieldByNumber(1))
          + ", "
          + single(entry.findFieldByNumber(2))
          + ">";
    }
    return field.isRepeated() ? "repeated " + single(field) : single(field);
  }

  private static String single(FieldDescriptor field) {
    return switch (field.getType()) {
      case MESSAGE, GROUP -> field.getMessageType().getFullName();
      case ENUM -> "enum " + field.getEnumType().getFullName();
      default -> field.getType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String hint(FieldType type) {
    if (type == FieldType.DATE) {
      return " (a date comes from a string holding yyyy-MM-dd)";
    }
    if (type instanceof FieldType.Decimal) {
      return " (a decimal comes from a uint64 or fixed64, as decimal(20,0) or wider)";
    }
    return type == FieldType.TIMESTAMP ? " (a timestamp comes from a " + TIMESTAMP + ")" : "";
  }
}
