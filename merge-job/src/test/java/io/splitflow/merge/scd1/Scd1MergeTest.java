package io.splitflow.merge.scd1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.metrics.BatchCounts;
import io.splitflow.merge.metrics.MergeEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SCD1 merge on a real Delta gold; what each version does is in {@link Scd1ChangesTest}. */
class Scd1MergeTest {
  @TempDir Path dir;
  private MergeHarness h;

  @BeforeEach
  void createGold() {
    h = new MergeHarness(SparkTestSession.get(), dir, MergeHarness.spec(MergeMode.SCD1));
  }

  private List<String> visible() {
    return h.goldRows().stream()
        .filter(r -> !r.<Boolean>getAs("_deleted"))
        .map(r -> r.getAs("id") + "=" + r.getAs("value"))
        .toList();
  }

  @Test
  void insertsUpdatesAndAdvancesWritingOnlyChangedRows() {
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1).add("b", 2.0, 10, 2).add("c", 3.0, 10, 3));
    Row bBefore = h.goldRows().get(1);

    MergeEvent event =
        h.merge(
            new BronzeFixtures()
                .add("a", 1.5, 20, 4) // update
                .add("b", 2.0, 10, 5) // same content, newer offset: sequence moves only
                .add("d", 4.0, 10, 6) // insert
                .add("c", 0.5, 5, 7) // late
                .row(Map.of(), 8, 30, true)); // tombstone without a key

    assertThat(visible()).containsExactly("a=1.5", "b=2.0", "c=3.0", "d=4.0");
    assertThat(event.counts()).isEqualTo(new BatchCounts(5, 1, 1, 0, 1, 1, 1, 1));
    assertThat(event.operationMetrics())
        .containsEntry("numTargetRowsInserted", "1")
        .containsEntry("numTargetRowsUpdated", "2");
    Row bAfter = h.goldRows().get(1);
    assertThat(bAfter.<Row>getAs("_sequence").<Long>getAs("_offset")).isEqualTo(5L);
    assertThat(bAfter.<Object>getAs("_updated_at")).isEqualTo(bBefore.getAs("_updated_at"));
    assertThat(bAfter.<String>getAs("_row_hash")).hasSize(64).isEqualTo(bBefore.getAs("_row_hash"));
  }

  @Test
  void deleteKeepsATombstoneThatOnlyANewerUpdateOvercomes() {
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1).add("b", 2.0, 10, 2));
    MergeEvent deleted = h.merge(new BronzeFixtures().tombstone("a", 30, 3));
    MergeEvent late = h.merge(new BronzeFixtures().add("a", 9.0, 20, 4));

    assertThat(visible()).containsExactly("b=2.0");
    assertThat(h.goldRows())
        .extracting(r -> r.getAs("id"), r -> r.getAs("_deleted"))
        .containsExactly(tuple("a", true), tuple("b", false));
    assertThat(deleted.counts().deleted()).isEqualTo(1);
    assertThat(late.counts().ignoredLate()).isEqualTo(1);

    h.merge(new BronzeFixtures().add("a", 7.0, 40, 5));

    assertThat(visible()).containsExactly("a=7.0", "b=2.0");
  }

  @Test
  void aBatchOfNewKeysIsAppendedOnceAndALaterChangeToThemMerges() {
    BronzeFixtures fresh =
        new BronzeFixtures()
            .add("a", 1.0, 10, 1)
            .add("b", 2.0, 10, 2)
            .tombstone("z", 10, 3); // a delete of a key gold never had: kept as a tombstone

    MergeEvent first = h.merge(fresh.toDataset(h.spark), 0);

    assertThat(lastOperation()).isEqualTo("WRITE"); // an append: no join against gold
    assertThat(first.counts()).isEqualTo(new BatchCounts(3, 2, 0, 1, 0, 0, 0, 0));
    assertThat(first.committed()).isTrue();
    assertThat(first.operationMetrics()).containsEntry("numOutputRows", "3");
    assertThat(h.goldRows())
        .extracting(r -> r.getAs("id"), r -> r.getAs("_deleted"))
        .containsExactly(tuple("a", false), tuple("b", false), tuple("z", true));
    assertThat(h.goldRows().get(0).<String>getAs("_row_hash")).hasSize(64);
    assertThat(h.goldRows().get(0).<Row>getAs("_sequence").<Long>getAs("_offset")).isEqualTo(1L);
    assertThat(MergeHarness.transactions(h.spark, h.gold))
        .containsExactly(MergeHarness.APP_ID + "/0");

    // the same batch again, as after a crash before the checkpoint: nothing lands twice, and the
    // counts are the first run's
    long version = h.goldVersion();
    MergeEvent again = h.merge(fresh.toDataset(h.spark), 0);
    assertThat(h.goldVersion()).isEqualTo(version);
    assertThat(again.counts()).isEqualTo(first.counts());
    assertThat(h.goldRows()).hasSize(3);

    // an update of a key gold holds goes through the MERGE
    h.merge(
        new BronzeFixtures()
            .add("a", 1.5, 20, 4)
            .add("c", 3.0, 10, 5)
            .add("z", 9.0, 20, 6)
            .toDataset(h.spark),
        1);
    assertThat(lastOperation()).isEqualTo("MERGE");
    assertThat(visible()).containsExactly("a=1.5", "b=2.0", "c=3.0", "z=9.0");
  }

  private String lastOperation() {
    return h.gold.deltaTable(h.spark).history(1).head().getAs("operation");
  }

  @Test
  void reDeliveryCommitsNothing() {
    h.merge(new BronzeFixtures().add("a", 5.0, 50, 10));
    long versionBefore = h.goldVersion();
    List<Row> before = h.goldRows();

    MergeEvent event = h.merge(new BronzeFixtures().add("a", 5.0, 50, 10).add("a", 5.0, 50, 10));

    assertThat(h.goldVersion()).isEqualTo(versionBefore);
    assertThat(h.goldRows()).isEqualTo(before);
    assertThat(event.counts()).isEqualTo(new BatchCounts(2, 0, 0, 0, 2, 0, 0, 0));
    assertThat(event.committed()).isFalse();
  }
}
