package io.splitflow.tools.generate;

import java.util.Arrays;

/**
 * One Kafka record as the generator produces it: key and value bytes, and what it is meant to be.
 */
public record Message(byte[] key, byte[] value, MessageKind kind) {

  // records compare arrays by identity; two messages are equal when their bytes are
  @Override
  public boolean equals(Object other) {
    return other instanceof Message m
        && kind == m.kind
        && Arrays.equals(key, m.key)
        && Arrays.equals(value, m.value);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(value)) + kind.hashCode();
  }

  @Override
  public String toString() {
    return "Message["
        + kind
        + ", key="
        + new String(key, java.nio.charset.StandardCharsets.UTF_8)
        + ", value="
        + new String(value, java.nio.charset.StandardCharsets.UTF_8)
        + "]";
  }
}
