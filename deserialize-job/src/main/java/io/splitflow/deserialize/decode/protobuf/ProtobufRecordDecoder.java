package io.splitflow.deserialize.decode.protobuf;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.RecordDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Decodes one Kafka message value, a serialized protobuf message, with a message type from a
 * compiled descriptor set ({@code protoc --include_imports --descriptor_set_out=x.desc}). The
 * dataset's fields are the message's top-level fields of the same names, their types checked when
 * the decoder is built (see {@link ProtobufTypes}): scalars, a string holding yyyy-MM-dd for a
 * date, {@code google.protobuf.Timestamp} for a timestamp, wrappers for their scalar, enums as
 * their names, and messages, repeated fields and maps as structs, arrays and maps, to any depth.
 *
 * <p>Presence follows protobuf: a field that can tell unset from default (proto3 {@code optional},
 * a message, a wrapper, a oneof member, a proto2 field) is null when unset; a plain proto3 scalar
 * that is unset reads as its default ({@code ""}, 0, false), so a required string that is empty is
 * not missing, and a repeated or map field as empty. Unknown fields are ignored, as is a value sent
 * with another wire type than the descriptor's (protobuf keeps it as an unknown field). A uint32
 * beyond the int range is OUT_OF_RANGE, and so is a uint64 beyond the long range (a decimal(20,0)
 * holds them all); floats keep NaN and infinities.
 *
 * <p>Serializable for Spark: it carries the descriptor set's bytes, read once on the driver, so the
 * executors need not see the file, and rebuilds the descriptor and the parser lazily there.
 */
public final class ProtobufRecordDecoder implements RecordDecoder {

  private static final long serialVersionUID = 1L;

  private final String descriptorSetFile;
  private final byte[] descriptorSet;
  private final String messageName;
  private final FieldSpec[] fields;
  private transient volatile MessageBinding binding;

  /**
   * IllegalArgumentException if the file cannot be read or is not a descriptor set, the message is
   * not in it, or a field is not in the message or has a type that does not fit.
   */
  public ProtobufRecordDecoder(
      String descriptorSetFile, String messageName, List<FieldSpec> fields) {
    this.descriptorSetFile = Objects.requireNonNull(descriptorSetFile, "descriptorSetFile");
    this.messageName = Objects.requireNonNull(messageName, "messageName");
    this.fields = fields.toArray(new FieldSpec[0]);
    this.descriptorSet = DescriptorSets.read(descriptorSetFile);
    this.binding = bind();
  }

  @Override
  public DecodeResult decode(byte[] value) {
    if (value == null) {
      return DecodeResult.failed(DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
    }
    return binding().decode(value, 0);
  }

  private MessageBinding binding() {
    MessageBinding b = binding;
    if (b == null) {
      // a race only builds a second, equivalent binding
      b = bind();
      binding = b;
    }
    return b;
  }

  private MessageBinding bind() {
    return new MessageBinding(
        DescriptorSets.message(descriptorSet, descriptorSetFile, messageName), fields);
  }
}
