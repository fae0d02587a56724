package io.splitflow.deserialize.decode.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import java.util.List;

/**
 * The message-index array of the Confluent Protobuf wire format, after the 5-byte header: a count,
 * then that many indexes, each a zigzag varint, giving the path of the message type in its .proto
 * file (the first index among the file's top-level messages, the next among that message's nested
 * ones). A count of 0, a single byte 0, stands for [0], the file's first message.
 *
 * <p>The bytes come from the producer and are checked as such: the count is bounded by protobuf's
 * own nesting limit, each index must name a message that exists, and a varint must end within five
 * bytes and within the value.
 */
final class MessageIndexes {

  /** protobuf-java parses messages nested at most 100 deep; no path to a type is longer. */
  static final int MAX_COUNT = 100;

  private MessageIndexes() {}

  /** The message type picked and where its bytes start, or what is wrong with the indexes. */
  record Resolved(Descriptor message, int offset, String problem) {}

  static Resolved resolve(byte[] value, int start, List<Descriptor> topLevel, String file) {
    int[] at = {start};
    Integer count = varint(value, at);
    if (count == null) {
      return failed(value, at[0], start, "count");
    }
    if (count == 0) {
      return topLevel.isEmpty()
          ? problem("message index [0] names no message; " + file + " has none")
          : new Resolved(topLevel.get(0), at[0], null);
    }
    if (count < 0 || count > MAX_COUNT) {
      return problem("message-index count " + count + " is out of range; use 0 to " + MAX_COUNT);
    }
    List<Descriptor> candidates = topLevel;
    Descriptor message = null;
    StringBuilder path = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      int begin = at[0];
      Integer index = varint(value, at);
      if (index == null) {
        return failed(value, at[0], begin, "index");
      }
      path.append(i == 0 ? "" : ", ").append(index);
      if (index < 0 || index >= candidates.size()) {
        String where = message == null ? file : message.getFullName();
        return problem(
            "message index "
                + path
                + (i + 1 < count ? ", ...]" : "]")
                + " names no message; "
                + where
                + " has "
                + candidates.size()
                + (message == null ? " top-level" : " nested")
                + (candidates.size() == 1 ? " message" : " messages"));
      }
      message = candidates.get(index);
      candidates = message.getNestedTypes();
    }
    return new Resolved(message, at[0], null);
  }

  private static Resolved failed(byte[] value, int at, int begin, String what) {
    return problem(
        at >= value.length
            ? "the message indexes end early, at byte " + value.length + " of the value"
            : "the message-index " + what + " at byte " + begin + " is longer than 5 bytes");
  }

  private static Resolved problem(String text) {
    return new Resolved(null, -1, "malformed protobuf: " + text);
  }

  /**
   * A zigzag varint of at most 5 bytes read at {@code at[0]}, which moves past it; null, with
   * {@code at[0]} where it failed, when the value ends first or the fifth byte says more follow.
   */
  private static Integer varint(byte[] value, int[] at) {
    int raw = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (at[0] >= value.length) {
        return null;
      }
      int b = value[at[0]];
      if (shift == 28 && (b & 0xf0) != 0) {
        // bits past 32, or a continuation after the fifth byte
        return null;
      }
      at[0]++;
      raw |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    return null;
  }
}
