package io.splitflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DataLossWatchTest {
  private static final TopicPartition P0 = new TopicPartition("readings", 0);
  private static final TopicPartition P1 = new TopicPartition("readings", 1);

  @Test
  void offsetsBelowKafkasEarliestAreLost() {
    var lost =
        DataLossWatch.lost(
            Map.of(P0, 10L, P1, 5L), Map.of(P0, 30L, P1, 9L), Map.of(P0, 15L, P1, 0L));
    assertThat(lost).containsExactly(new LostRange(P0, 10, 15));
    assertThat(lost.get(0)).hasToString("topic readings partition 0 offsets 10-14 (5 records)");
  }

  @Test
  void aLossBeyondTheBatchIsCutAtItsEnd() {
    assertThat(DataLossWatch.lost(Map.of(P0, 10L), Map.of(P0, 12L), Map.of(P0, 20L)))
        .containsExactly(new LostRange(P0, 10, 12));
  }

  @Test
  void offsetsThatWentBackLoseTheRecreatedPartitionsRecordsUpToTheBatchsEnd() {
    // ingest was at 10; the topic was recreated and holds offsets 0-4 now: Spark skips them
    var lost = DataLossWatch.lost(Map.of(P0, 10L, P1, 3L), Map.of(P0, 5L, P1, 3L), Map.of(P0, 0L));
    assertThat(lost).containsExactly(new LostRange(P0, 0, 5, 10));
    assertThat(lost.get(0))
        .hasToString(
            "topic readings partition 0 offsets 0-4 (5 records), skipped when the partition's"
                + " offsets went back from 10 (topic deleted and recreated?)");
    // recreated and still empty: nothing skipped
    assertThat(DataLossWatch.lost(Map.of(P0, 10L), Map.of(P0, 0L), Map.of(P0, 0L))).isEmpty();
  }

  @Test
  void nothingIsLostWhenKafkaStillHoldsTheStart() {
    assertThat(DataLossWatch.lost(Map.of(P0, 10L), Map.of(P0, 30L), Map.of(P0, 10L))).isEmpty();
  }

  @Test
  void readsTheSourceLineOfTheOffsetsLog() throws Exception {
    assertThat(CheckpointOffsets.parse("{\"readings\":{\"0\":42,\"1\":17}}"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 42L, P1, 17L));
  }
}
