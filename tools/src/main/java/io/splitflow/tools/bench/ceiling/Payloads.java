package io.splitflow.tools.bench.ceiling;

import java.util.ArrayList;
import java.util.List;

/** The values of a whole topic in memory, read once, unmeasured, as input for L2. */
public final class Payloads {

  private Payloads() {}

  /** Every value of the topic up to its end offsets; each partition's in offset order. */
  public static List<byte[]> fetch(String bootstrapServers, String topic) {
    try (TopicRead read = TopicRead.open(bootstrapServers, topic)) {
      List<byte[]> values = new ArrayList<>();
      read.fromBeginning(Long.MAX_VALUE, values::add);
      return values;
    }
  }
}
