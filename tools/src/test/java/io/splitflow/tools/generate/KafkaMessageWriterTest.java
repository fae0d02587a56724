package io.splitflow.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Producing itself is covered against a real broker in EmbeddedKafkaTest. */
class KafkaMessageWriterTest {

  @Test
  void compressesWithLz4BecauseKafkaClientsBringsIt() {
    // kafka-clients 3.9.2 declares at.yawk.lz4:lz4-java as a run-time dependency
    assertThat(KafkaMessageWriter.compressionType()).isEqualTo("lz4");
  }
}
