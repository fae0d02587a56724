package io.splitflow.common.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BacklogTest {

  @Test
  void kafkaBacklogIsTheRecordsBetweenTheBatchEndAndTheLatestOffsets() {
    assertThat(
            Backlog.kafkaRemaining(
                Backlog.parse("{\"t\":{\"0\":40,\"1\":10}}"),
                Backlog.parse("{\"t\":{\"0\":100,\"1\":10}}")))
        .hasValue(60);
    // a partition the batch has not reached yet counts nothing rather than a guess
    assertThat(
            Backlog.kafkaRemaining(
                Backlog.parse("{\"t\":{\"0\":40}}"), Backlog.parse("{\"t\":{\"0\":40,\"1\":7}}")))
        .hasValue(0);
    assertThat(Backlog.kafkaRemaining(null, Backlog.parse("{\"t\":{\"0\":1}}"))).isEmpty();
  }

  @Test
  void deltaOffsetsSayWhichVersionIsNext() {
    String offset =
        "{\"sourceVersion\":1,\"reservoirId\":\"x\",\"reservoirVersion\":4,\"index\":-1,"
            + "\"isStartingVersion\":false}";
    assertThat(Backlog.isDelta(Backlog.parse(offset))).isTrue();
    assertThat(Backlog.delta(Backlog.parse(offset))).isEqualTo(new Backlog.DeltaPosition(4, -1));
    assertThat(Backlog.isDelta(Backlog.parse("{\"t\":{\"0\":1}}"))).isFalse();
  }

  @Test
  void etaIsTheBacklogAtTheRateSoFar() {
    assertThat(Backlog.etaSeconds(1_000, 250.0)).isEqualTo(4);
    assertThat(Backlog.etaSeconds(0, 0)).isZero();
    assertThat(Backlog.etaSeconds(10, 0)).isEqualTo(-1);
  }
}
