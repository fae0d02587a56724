package io.splitflow.deserialize.decode.protobuf;

import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;

/** The problems found in one message: the class of the first, and every message. */
final class Problems {

  private DecodeError first;
  private StringBuilder messages;

  void add(DecodeError error, String message) {
    if (first == null) {
      first = error;
      messages = new StringBuilder(message);
    } else {
      messages.append("; ").append(message);
    }
  }

  DecodeResult result(Object[] values) {
    return first == null
        ? DecodeResult.ok(values)
        : DecodeResult.failed(first, messages.toString());
  }
}
