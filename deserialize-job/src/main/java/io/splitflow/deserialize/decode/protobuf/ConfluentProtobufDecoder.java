package io.splitflow.deserialize.decode.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.avro.ConfluentFrame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decodes the Confluent Protobuf wire format: magic byte 0, a 4-byte schema id, the message-index
 * array ({@link MessageIndexes}), then protobuf binary of the message type the indexes pick.
 *
 * <p>The indexes are resolved in the .proto file of the configured message, taken from the
 * configured descriptor set: the schema id is not looked up in a registry (parsing .proto text
 * needs a .proto compiler), so the set must hold the file the producers write with, or one
 * compatible with it. A record of another message type of that file is decoded when the dataset's
 * fields fit it too, else it is an INCOMPATIBLE_SCHEMA dead letter; the configured message itself
 * is checked when the decoder is built.
 *
 * <p>Serializable for Spark like {@link ProtobufRecordDecoder}; {@link #decode} is synchronized as
 * its bindings are reused record after record (every Spark task has its own copy).
 */
public final class ConfluentProtobufDecoder implements RecordDecoder {

  private static final long serialVersionUID = 1L;

  private final String descriptorSetFile;
  private final byte[] descriptorSet;
  private final String messageName;
  private final FieldSpec[] fields;
  private transient List<Descriptor> topLevel;
  private transient String fileName;
  // per message type of the file: a MessageBinding, or the message saying why it does not fit
  private transient Map<String, Object> bindings;

  /** IllegalArgumentException as for {@link ProtobufRecordDecoder}. */
  public ConfluentProtobufDecoder(
      String descriptorSetFile, String messageName, List<FieldSpec> fields) {
    this.descriptorSetFile = Objects.requireNonNull(descriptorSetFile, "descriptorSetFile");
    this.messageName = Objects.requireNonNull(messageName, "messageName");
    this.fields = fields.toArray(new FieldSpec[0]);
    this.descriptorSet = DescriptorSets.read(descriptorSetFile);
    init();
  }

  @Override
  public synchronized DecodeResult decode(byte[] value) {
    DecodeResult badFrame = ConfluentFrame.problem(value);
    if (badFrame != null) {
      return badFrame;
    }
    if (bindings == null) {
      init();
    }
    MessageIndexes.Resolved resolved =
        MessageIndexes.resolve(value, ConfluentFrame.HEADER, topLevel, fileName);
    if (resolved.problem() != null) {
      return DecodeResult.failed(DecodeError.MALFORMED_PROTOBUF, resolved.problem());
    }
    Object binding =
        bindings.computeIfAbsent(
            resolved.message().getFullName(), name -> bind(resolved.message()));
    if (binding instanceof MessageBinding message) {
      return message.decode(value, resolved.offset());
    }
    return DecodeResult.failed(DecodeError.INCOMPATIBLE_SCHEMA, (String) binding);
  }

  private Object bind(Descriptor message) {
    try {
      return new MessageBinding(message, fields);
    } catch (IllegalArgumentException e) {
      return "message type "
          + message.getFullName()
          + " does not fit the dataset: "
          + e.getMessage();
    }
  }

  private void init() {
    Descriptor configured = DescriptorSets.message(descriptorSet, descriptorSetFile, messageName);
    Map<String, Object> bound = new HashMap<>();
    // the configured message must fit: a mistake there stops the job at start
    bound.put(configured.getFullName(), new MessageBinding(configured, fields));
    topLevel = configured.getFile().getMessageTypes();
    fileName = configured.getFile().getName();
    bindings = bound;
  }
}
