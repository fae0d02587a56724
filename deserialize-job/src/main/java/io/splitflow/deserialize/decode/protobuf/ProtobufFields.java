package io.splitflow.deserialize.decode.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.Problems;

/**
 * The message fields behind a dataset's fields, matched by name and checked for a type that fits
 * (see {@link ProtobufTypes}), and the reading of their values. A field with presence (proto3
 * {@code optional}, a message, a oneof member, any proto2 field) reads as null when unset; a plain
 * proto3 scalar reads as its default, as protobuf cannot tell it from one that was set to the
 * default, and a repeated or map field as empty.
 */
final class ProtobufFields {

  private final FieldSpec[] fields;
  private final FieldDescriptor[] descriptors;
  private final ProtoReader[] readers;
  private final ValuePath[] paths;

  /** IllegalArgumentException naming the first dataset field the message cannot give. */
  ProtobufFields(Descriptor message, FieldSpec[] fields) {
    this.fields = fields;
    this.descriptors = new FieldDescriptor[fields.length];
    this.readers = new ProtoReader[fields.length];
    this.paths = new ValuePath[fields.length];
    for (int i = 0; i < fields.length; i++) {
      FieldSpec field = fields[i];
      descriptors[i] = ProtobufTypes.find(message, field.name(), field.name());
      readers[i] = ProtobufTypes.field(descriptors[i], field.type(), field.name());
      paths[i] = ValuePath.root(field.name());
    }
  }

  Object[] values(Message message, Problems problems) {
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      FieldDescriptor descriptor = descriptors[i];
      if (descriptor.hasPresence() && !message.hasField(descriptor)) {
        if (fields[i].required()) {
          problems.add(
              DecodeError.MISSING_FIELD, "required field '" + fields[i].name() + "' is missing");
        }
      } else {
        values[i] = readers[i].read(message.getField(descriptor), paths[i], problems);
      }
    }
    return values;
  }
}
