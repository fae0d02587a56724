package io.splitflow.merge.scd2;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.HistoryRows;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.metrics.BatchCounts;
import io.splitflow.merge.metrics.MergeEvent;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SCD2 merge on a real Delta gold; the history rules are in {@link Scd2HistoryTest}. */
class Scd2MergeTest {
  @TempDir Path dir;
  private MergeHarness h;

  @BeforeEach
  void createGold() {
    h = new MergeHarness(SparkTestSession.get(), dir, MergeHarness.spec(MergeMode.SCD2));
  }

  @Test
  void lateVersionIsInsertedAndOnlyItsNeighbourIsRewritten() {
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1).add("a", 3.0, 30, 3).add("b", 5.0, 10, 4));
    Row bBefore = h.goldRows().get(2);

    MergeEvent event = h.merge(new BronzeFixtures().add("a", 2.0, 20, 2));

    List<Row> rows = h.goldRows();
    assertThat(HistoryRows.describe(rows))
        .containsExactly(
            "a value=1.0 [10,20)",
            "a value=2.0 [20,30)",
            "a value=3.0 [30,) current",
            "b value=5.0 [10,) current");
    assertThat(rows.get(3)).isEqualTo(bBefore);
    assertThat(event.counts()).isEqualTo(new BatchCounts(1, 1, 0, 0, 0, 0, 1, 0));
    assertThat(event.operationMetrics())
        .containsEntry("numTargetRowsInserted", "1")
        .containsEntry("numTargetRowsUpdated", "1")
        .containsEntry("numTargetRowsDeleted", "0");
  }

  @Test
  void deleteClosesTheCurrentRowAndALateOlderUpdateDoesNotReopenIt() {
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1));
    MergeEvent deleted = h.merge(new BronzeFixtures().tombstone("a", 40, 2));
    MergeEvent late = h.merge(new BronzeFixtures().add("a", 2.0, 30, 3).add("a", 2.0, 30, 3));

    assertThat(HistoryRows.describe(h.goldRows()))
        .containsExactly(
            "a value=1.0 [10,30)", "a value=2.0 [30,40)", "a value=null [40,) deleted");
    assertThat(deleted.counts()).isEqualTo(new BatchCounts(1, 0, 0, 1, 0, 0, 0, 0));
    assertThat(late.counts()).isEqualTo(new BatchCounts(2, 1, 0, 0, 1, 0, 1, 0));
  }

  @Test
  void runThatNowStartsEarlierReplacesItsRow() {
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1).add("a", 2.0, 30, 3));

    MergeEvent event = h.merge(new BronzeFixtures().add("a", 2.0, 20, 2));

    assertThat(HistoryRows.describe(h.goldRows()))
        .containsExactly("a value=1.0 [10,20)", "a value=2.0 [20,) current");
    assertThat(event.operationMetrics())
        .containsEntry("numTargetRowsDeleted", "1")
        .containsEntry("numTargetRowsInserted", "1");
  }
}
