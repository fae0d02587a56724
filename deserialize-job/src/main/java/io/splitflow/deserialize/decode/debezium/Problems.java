package io.splitflow.deserialize.decode.debezium;

import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;

/** The problems found in one change event: the class of the first, and every message. */
final class Problems {

  private static final int MAX_QUOTED = 60;

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

  /** Adds a failed result's problems, already joined in its message. */
  void add(DecodeResult failed) {
    add(failed.error(), failed.message());
  }

  boolean any() {
    return first != null;
  }

  DecodeResult failed(String prefix) {
    return DecodeResult.failed(first, prefix + messages);
  }

  /** Input text for a message, cut short so one huge value cannot swamp the dead letters. */
  static String excerpt(String text) {
    if (text.length() <= MAX_QUOTED) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
    return text.substring(0, end) + "...";
  }
}
