package io.splitflow.merge.scd1;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.dedupe.Versions;
import io.splitflow.merge.metrics.BatchCounts;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** {@link Scd1Changes} on plain DataFrames: what each version of a batch does to gold. */
class Scd1ChangesTest {
  private final SparkSession spark = SparkTestSession.get();
  private final MergeSpec spec = MergeHarness.spec(MergeMode.SCD1);

  private Dataset<Row> versions(BronzeFixtures batch) {
    return Versions.applicable(Versions.of(batch.toDataset(spark), spec));
  }

  /** Gold holding a@50 (value 5), b@50 (value 5), c deleted at 50. */
  private Dataset<Row> gold() {
    return GoldRows.of(
        versions(new BronzeFixtures().add("a", 5.0, 50, 1).add("b", 5.0, 50, 2).delete("c", 50, 3)),
        spec.fields());
  }

  private Dataset<Row> classified(BronzeFixtures batch) {
    return Scd1Changes.classify(versions(batch), gold(), spec);
  }

  @Test
  void everyVersionGetsExactlyOneChange() {
    BronzeFixtures batch =
        new BronzeFixtures()
            .add("a", 5.0, 50, 1) // gold's own version again
            .add("a", 1.0, 10, 10) // older than gold
            .add("b", 6.0, 60, 11) // newer, different
            .add("b", 5.5, 55, 12) // newer than gold, but not the batch's newest
            .add("c", 1.0, 40, 13) // older than the delete
            .add("d", 1.0, 10, 14) // new key
            .add("d", 1.0, 10, 14) // the same record twice
            .delete("e", 10, 15); // delete of a key gold never had

    List<String> changes =
        classified(batch).orderBy("id", "_sequence").collectAsList().stream()
            .map(
                r ->
                    r.getAs("id")
                        + "@"
                        + r.<Row>getAs("_sequence").getLong(1)
                        + " "
                        + r.getAs("_change"))
            .toList();

    assertThat(changes)
        .containsExactly(
            "a@10 late",
            "a@1 redelivered",
            "b@12 superseded",
            "b@11 updated",
            "c@13 late",
            "d@14 inserted",
            "d@14 redelivered",
            "e@15 deleted");
    assertThat(Scd1Changes.counts(classified(batch), 0).counts())
        .isEqualTo(new BatchCounts(8, 1, 1, 1, 2, 3, 2, 0));
  }

  @Test
  void newerVersionWithTheSameContentOnlyAdvances() {
    Dataset<Row> sameContent = classified(new BronzeFixtures().add("a", 5.0, 50, 9));

    assertThat(
            sameContent
                .select("_change")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactly("advanced");
    assertThat(Scd1Changes.counts(sameContent, 0))
        .isEqualTo(new Scd1Changes.Tally(new BatchCounts(1, 0, 0, 0, 1, 0, 0, 0), true, false));
  }

  @Test
  void updateNewerThanADeleteResurrectsTheKey() {
    assertThat(
            classified(new BronzeFixtures().add("c", 2.0, 60, 9)).first().<String>getAs("_change"))
        .isEqualTo("updated");
  }

  @Test
  void deleteNewerThanGoldDeletes() {
    assertThat(
            classified(new BronzeFixtures().tombstone("a", 60, 9)).first().<String>getAs("_change"))
        .isEqualTo("deleted");
  }

  @Test
  void aBatchWritesOnlyNewKeysWhenItsInsertsAndTombstonesAreForKeysGoldLacks() {
    Scd1Changes.Tally fresh =
        Scd1Changes.counts(
            classified(
                new BronzeFixtures()
                    .add("x", 1.0, 10, 9)
                    .delete("y", 11, 10) // a delete of a key gold never had: its tombstone
                    .add("a", 1.0, 1, 11)), // older than gold's row: not written
            0);
    assertThat(fresh.changesGold()).isTrue();
    assertThat(fresh.newKeysOnly()).isTrue();
    assertThat(fresh.counts().inserted()).isEqualTo(1);
    assertThat(fresh.counts().deleted()).isEqualTo(1);

    Scd1Changes.Tally mixed =
        Scd1Changes.counts(
            classified(new BronzeFixtures().add("x", 1.0, 10, 9).add("b", 9.0, 60, 10)), 0);
    assertThat(mixed.changesGold()).isTrue();
    assertThat(mixed.newKeysOnly()).isFalse();
    assertThat(Scd1Changes.toMerge(classified(new BronzeFixtures().add("x", 1.0, 10, 9))).columns())
        .doesNotContain("_change", "_in_gold");
  }

  @Test
  void batchOfLateVersionsChangesNothing() {
    assertThat(
            Scd1Changes.counts(classified(new BronzeFixtures().add("a", 1.0, 10, 9)), 0)
                .changesGold())
        .isFalse();
  }
}
