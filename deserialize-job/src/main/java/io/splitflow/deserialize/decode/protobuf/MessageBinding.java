package io.splitflow.deserialize.decode.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.Problems;

/** One message type bound to a dataset's fields: its parser and the readers of its fields. */
final class MessageBinding {
  private final Parser<DynamicMessage> parser;
  private final ProtobufFields fields;

  /** IllegalArgumentException naming the first dataset field the message cannot give. */
  MessageBinding(Descriptor message, FieldSpec[] fields) {
    this.fields = new ProtobufFields(message, fields);
    this.parser = DynamicMessage.getDefaultInstance(message).getParserForType();
  }

  /** The message serialized in {@code value} from {@code offset} to its end. */
  DecodeResult decode(byte[] value, int offset) {
    DynamicMessage message;
    try {
      // partial: a proto2 required field that is unset is the dataset's business, not a parse error
      message = parser.parsePartialFrom(value, offset, value.length - offset);
    } catch (InvalidProtocolBufferException e) {
      return DecodeResult.failed(
          DecodeError.MALFORMED_PROTOBUF, "malformed protobuf: " + e.getMessage());
    }
    Problems problems = new Problems();
    Object[] values = fields.values(message, problems);
    return problems.result(values);
  }
}
