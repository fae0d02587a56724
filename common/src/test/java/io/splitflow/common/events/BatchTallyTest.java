package io.splitflow.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch's counts go from its writer to its log line once, and the holder stays bounded. */
class BatchTallyTest {

  @Test
  void countsAreTakenOnceByQueryAndBatch() {
    BatchTally.put("q-tally", 3, Map.of("raw_rows", 7L));

    assertThat(BatchTally.take("q-tally", 2)).isEmpty();
    assertThat(BatchTally.take("q-tally", 3)).hasValue(Map.of("raw_rows", 7L));
    assertThat(BatchTally.take("q-tally", 3)).isEmpty();
  }

  @Test
  void onlyTheNewestBatchesAreKept() {
    for (long batch = 0; batch < 100; batch++) {
      BatchTally.put("q-bounded", batch, Map.of("n", batch));
    }

    assertThat(BatchTally.take("q-bounded", 0)).isEmpty();
    assertThat(BatchTally.take("q-bounded", 99)).hasValue(Map.of("n", 99L));
  }
}
