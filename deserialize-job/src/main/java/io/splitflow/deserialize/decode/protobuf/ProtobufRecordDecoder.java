package io.splitflow.deserialize.decode.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.Problems;
import io.splitflow.deserialize.decode.RecordDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Decodes one Kafka message value, a serialized protobuf message, with a message type from a
 * compiled descriptor set ({@code protoc --include_imports --descriptor_set_out=x.desc}). The
 * dataset's fields are the message's top-level fields of the same names, checked when the decoder
 * is built: string, the 32- and 64-bit integers, float, double, bool, {@code
 * google.protobuf.Timestamp} for a timestamp, and a string holding yyyy-MM-dd for a date.
 *
 * <p>Presence follows protobuf: a field that can tell unset from default (proto3 {@code optional},
 * a message, a oneof member, a proto2 field) is null when unset; a plain proto3 scalar that is
 * unset reads as its default ({@code ""}, 0, false), so a required string that is empty is not
 * missing. Unknown fields are ignored, as is a value sent with another wire type than the
 * descriptor's (protobuf keeps it as an unknown field). A uint32 beyond the int range is
 * OUT_OF_RANGE, and so is a uint64 beyond the long range; floats keep NaN and infinities.
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
  private transient volatile Bound bound;

  /**
   * IllegalArgumentException if the file cannot be read or is not a descriptor set, the message is
   * not in it, or a field is not in the message or has a type that does not fit.
   */
  public ProtobufRecordDecoder(
      String descriptorSetFile, String messageName, List<FieldSpec> fields) {
    this.descriptorSetFile = Objects.requireNonNull(descriptorSetFile, "descriptorSetFile");
    this.messageName = Objects.requireNonNull(messageName, "messageName");
    this.fields = fields.toArray(new FieldSpec[0]);
    try {
      this.descriptorSet = Files.readAllBytes(Path.of(descriptorSetFile));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "protobuf descriptor set " + descriptorSetFile + " cannot be read: " + e, e);
    }
    this.bound = bind();
  }

  @Override
  public DecodeResult decode(byte[] value) {
    if (value == null) {
      return DecodeResult.failed(DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
    }
    Bound b = bound();
    DynamicMessage message;
    try {
      // partial: a proto2 required field that is unset is the dataset's business, not a parse error
      message = b.parser().parsePartialFrom(value);
    } catch (InvalidProtocolBufferException e) {
      return DecodeResult.failed(
          DecodeError.MALFORMED_PROTOBUF, "malformed protobuf: " + e.getMessage());
    }
    Problems problems = new Problems();
    Object[] values = b.fields().values(message, problems);
    return problems.result(values);
  }

  private Bound bound() {
    Bound b = bound;
    if (b == null) {
      // a race only builds a second, equivalent binding
      b = bind();
      bound = b;
    }
    return b;
  }

  private Bound bind() {
    Descriptor message = DescriptorSets.message(descriptorSet, descriptorSetFile, messageName);
    return new Bound(
        new ProtobufFields(message, fields),
        DynamicMessage.getDefaultInstance(message).getParserForType());
  }

  private record Bound(ProtobufFields fields, Parser<DynamicMessage> parser) {}
}
