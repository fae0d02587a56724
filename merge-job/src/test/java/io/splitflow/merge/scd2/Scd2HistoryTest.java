package io.splitflow.merge.scd2;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.HistoryRows;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.dedupe.Versions;
import io.splitflow.merge.gold.GoldSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@link Scd2History#rebuild} on plain DataFrames, batch after batch as the job would call it.
 * Every case also checks that the same versions in one batch give the same rows.
 */
class Scd2HistoryTest {
  private static final List<FieldSpec> WITH_UNIT =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec("value", FieldType.DOUBLE, false),
          new FieldSpec("unit", FieldType.STRING, false),
          new FieldSpec("seq", FieldType.TIMESTAMP, true));
  private final SparkSession spark = SparkTestSession.get();
  private final MergeSpec spec = MergeHarness.spec(MergeMode.SCD2);

  /** Rebuilds gold batch by batch, checks one batch gives the same, returns the rows. */
  private List<String> history(MergeSpec spec, BronzeFixtures... batches) {
    Dataset<Row> gold = spark.createDataFrame(List.of(), GoldSchemas.scd2(spec));
    List<Map<String, Object>> all = new ArrayList<>();
    for (BronzeFixtures batch : batches) {
      gold =
          spark.createDataFrame(rebuild(spec, gold, batch).collectAsList(), GoldSchemas.scd2(spec));
      all.addAll(batch.rows());
    }
    List<Row> batched = sorted(gold);
    Dataset<Row> empty = spark.createDataFrame(List.of(), GoldSchemas.scd2(spec));
    List<Row> together = sorted(rebuild(spec, empty, BronzeFixtures.of(spec.fields(), all)));
    assertThat(content(batched)).isEqualTo(content(together));
    return HistoryRows.describe(batched);
  }

  private Dataset<Row> rebuild(MergeSpec spec, Dataset<Row> gold, BronzeFixtures batch) {
    Dataset<Row> incoming = Versions.applicable(Versions.of(batch.toDataset(spark), spec));
    Dataset<Row> touched =
        gold.join(incoming.select("id").distinct(), new String[] {"id"}, "left_semi");
    Dataset<Row> untouched =
        gold.join(incoming.select("id").distinct(), new String[] {"id"}, "left_anti");
    return untouched.unionByName(Scd2History.rebuild(touched, incoming, spec));
  }

  private static List<Row> sorted(Dataset<Row> rows) {
    return rows.orderBy("id", "_sequence").collectAsList();
  }

  private static List<String> content(List<Row> rows) {
    return rows.stream().map(r -> r.toSeq().toString().replaceAll(",[^,]*\\)$", ")")).toList();
  }

  private MergeSpec tracking(String... columns) {
    return new MergeSpec(
        "readings",
        MergeMode.SCD2,
        WITH_UNIT,
        List.of("id"),
        List.of("seq"),
        List.of(columns),
        Optional.empty(),
        List.of(),
        false,
        true,
        false,
        spec.tuning());
  }

  private static BronzeFixtures unit(
      BronzeFixtures batch, String id, double value, String unit, long seq, long offset) {
    return batch.row(
        Map.of("id", id, "value", value, "unit", unit, "seq", BronzeFixtures.seq(seq)),
        offset,
        seq,
        false);
  }

  @Test
  void severalVersionsInOneBatchBecomeConsecutiveRows() {
    assertThat(
            history(
                spec,
                new BronzeFixtures()
                    .add("a", 3.0, 30, 3)
                    .add("a", 1.0, 10, 1)
                    .add("a", 2.0, 20, 2)
                    .add("b", 5.0, 10, 4)))
        .containsExactly(
            "a value=1.0 [10,20)",
            "a value=2.0 [20,30)",
            "a value=3.0 [30,) current",
            "b value=5.0 [10,) current");
  }

  @Test
  void lateVersionIsInsertedBetweenItsNeighbours() {
    assertThat(
            history(
                spec,
                new BronzeFixtures().add("a", 1.0, 10, 1).add("a", 3.0, 30, 3),
                new BronzeFixtures().add("a", 2.0, 20, 2)))
        .containsExactly("a value=1.0 [10,20)", "a value=2.0 [20,30)", "a value=3.0 [30,) current");
  }

  @Test
  void redeliveredVersionIsKeptOnce() {
    assertThat(
            history(
                spec,
                new BronzeFixtures().add("a", 1.0, 10, 1),
                new BronzeFixtures().add("a", 1.0, 10, 1).add("a", 1.0, 10, 1)))
        .containsExactly("a value=1.0 [10,) current");
  }

  @Test
  void newerVersionWithTheSameContentAddsNoRow() {
    assertThat(
            history(
                spec,
                new BronzeFixtures().add("a", 1.0, 10, 1),
                new BronzeFixtures().add("a", 1.0, 20, 2).add("a", 2.0, 30, 3)))
        .containsExactly("a value=1.0 [10,30)", "a value=2.0 [30,) current");
  }

  @Test
  void changeOnlyInUntrackedColumnsUpdatesTheRowInPlace() {
    MergeSpec valueOnly = tracking("value");
    assertThat(
            history(
                valueOnly,
                unit(new BronzeFixtures(WITH_UNIT), "a", 1.0, "C", 10, 1),
                unit(new BronzeFixtures(WITH_UNIT), "a", 1.0, "F", 20, 2),
                unit(new BronzeFixtures(WITH_UNIT), "a", 2.0, "F", 30, 3)))
        .containsExactly("a value=1.0 unit=F [10,30)", "a value=2.0 unit=F [30,) current");
  }

  @Test
  void lateVersionSplittingAnInPlaceUpdatedRowRestoresEachSide() {
    MergeSpec valueOnly = tracking("value");
    assertThat(
            history(
                valueOnly,
                unit(
                    unit(new BronzeFixtures(WITH_UNIT), "a", 1.0, "C", 10, 1),
                    "a",
                    1.0,
                    "F",
                    30,
                    3),
                unit(new BronzeFixtures(WITH_UNIT), "a", 2.0, "K", 20, 2)))
        .containsExactly(
            "a value=1.0 unit=C [10,20)",
            "a value=2.0 unit=K [20,30)",
            "a value=1.0 unit=F [30,) current");
  }

  @Test
  void deleteClosesTheCurrentRowAndAddsNoVisibleRow() {
    assertThat(
            history(
                spec,
                new BronzeFixtures().add("a", 1.0, 10, 1),
                new BronzeFixtures().tombstone("a", 20, 2)))
        .containsExactly("a value=1.0 [10,20)", "a value=null [20,) deleted");
  }

  @Test
  void lateUpdateOlderThanADeleteDoesNotReopenTheKey() {
    assertThat(
            history(
                spec,
                new BronzeFixtures().add("a", 1.0, 10, 1),
                new BronzeFixtures().delete("a", 30, 3),
                new BronzeFixtures().add("a", 2.0, 20, 2)))
        .containsExactly(
            "a value=1.0 [10,20)", "a value=2.0 [20,30)", "a value=null [30,) deleted");
  }

  @Test
  void updateNewerThanADeleteStartsANewCurrentRow() {
    assertThat(
            history(
                spec,
                new BronzeFixtures().add("a", 1.0, 10, 1).delete("a", 20, 2),
                new BronzeFixtures().add("a", 3.0, 30, 3)))
        .containsExactly(
            "a value=1.0 [10,20)", "a value=null [20,30) deleted", "a value=3.0 [30,) current");
  }

  @Test
  void versionsFlagWhatIsNewLateAndWhereRowsStart() {
    Dataset<Row> gold =
        rebuild(
            spec,
            spark.createDataFrame(List.of(), GoldSchemas.scd2(spec)),
            new BronzeFixtures().add("a", 1.0, 10, 1).add("a", 3.0, 30, 3));
    Dataset<Row> incoming =
        Versions.applicable(
            Versions.of(
                new BronzeFixtures()
                    .add("a", 2.0, 20, 2)
                    .add("a", 3.0, 30, 3)
                    .add("a", 3.0, 30, 4)
                    .toDataset(spark),
                spec));

    List<Row> versions =
        Scd2History.versions(gold, incoming, spec).orderBy("_sequence").collectAsList();

    assertThat(versions)
        .extracting(
            r ->
                r.<Row>getAs("_sequence").<Long>getAs("_offset")
                    + (r.<Boolean>getAs("_known") ? " known" : " new")
                    + (r.<Boolean>getAs("_run_start") ? " start" : "")
                    + (r.<Boolean>getAs("_same_as_previous") ? " same" : "")
                    + (r.<Boolean>getAs("_late") ? " late" : ""))
        .containsExactly("1 known start", "2 new start late", "3 known start", "4 new same");
  }
}
