package io.splitflow.tools.audit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.MergeBatch;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.MergeTuning;
import io.splitflow.merge.gold.GoldTable;
import io.splitflow.merge.metrics.MergeEvents;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gold check against gold that merge-job really wrote (scd1 and scd2, two batches, with late
 * versions, ties on the sequence, tombstones, {@code delete-when} and an update after a delete),
 * then against that gold changed in one way per test, in memory: each change must be found as its
 * one kind, for its one key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldCheckTest {
  private static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec("value", FieldType.DOUBLE, false),
          new FieldSpec("unit", FieldType.STRING, false),
          new FieldSpec("seq", FieldType.TIMESTAMP, true));
  private static final long EPOCH = 1_800_000_000L;

  private final SparkSession spark = SparkTestSession.get();
  @TempDir static Path dir;
  private Dataset<Row> bronze;
  private Dataset<Row> scd1;
  private Dataset<Row> scd2;

  @BeforeAll
  void mergeTheBronzeRowsWithMergeJob() {
    List<Row> first = new ArrayList<>();
    List<Row> second = new ArrayList<>();
    // a: a late version (20) arrives after the newest (30)
    first.add(update("a", 1.0, 10, 0));
    first.add(update("a", 2.0, 30, 1));
    second.add(update("a", 1.5, 20, 2));
    // b: deleted by a tombstone, sequenced by its Kafka timestamp
    first.add(update("b", 5.0, 10, 3));
    second.add(tombstone("b", 40, 4));
    // c: two versions with one sequence value: the offset decides
    first.add(update("c", 7.0, 10, 5));
    second.add(update("c", 8.0, 10, 6));
    // d: deleted by merge.delete-when
    first.add(update("d", 1.0, 10, 7));
    second.add(row("d", null, "REMOVED", 20, 8, false));
    // e: the same content again at a later offset
    first.add(update("e", 3.0, 10, 9));
    second.add(update("e", 3.0, 10, 10));
    // f: a delete event, then an update after it
    first.add(update("f", 1.0, 10, 11));
    second.add(row("f", null, null, 20, 12, true));
    second.add(update("f", 2.0, 30, 13));
    // g: a tombstone of a key that never had a version
    second.add(tombstone("g", 40, 14));
    bronze = bronze(first).union(bronze(second));
    scd1 = merged(MergeMode.SCD1, first, second);
    scd2 = merged(MergeMode.SCD2, first, second);
  }

  @Test
  void goldMergeJobWroteBalancesInBothModes() {
    for (Dataset<Row> gold : List.of(scd1, scd2)) {
      GoldBooks books = check(gold, gold == scd1 ? MergeMode.SCD1 : MergeMode.SCD2);

      assertThat(books.balanced()).as(books.toString()).isTrue();
      assertThat(books.expected()).isEqualTo(4); // a, c, e, f
      assertThat(books.present()).isEqualTo(4);
      assertThat(books.deleted()).isEqualTo(3); // b, d, g
      assertThat(books.examples()).isEmpty();
    }
  }

  @Test
  void anOlderVersionInGoldIsStale() {
    Dataset<Row> gold =
        scd1.withColumn("value", when(id("a"), lit(1.5)).otherwise(col("value")))
            .withColumn(
                "_sequence",
                when(id("a"), sequence(20, 2)).otherwise(col("_sequence")).cast(sequenceType()));

    assertOnly(check(gold, MergeMode.SCD1), "stale: id=a");
  }

  @Test
  void theSequenceTieWonByTheLowerOffsetIsStale() {
    Dataset<Row> gold =
        scd1.withColumn("value", when(id("c"), lit(7.0)).otherwise(col("value")))
            .withColumn(
                "_sequence",
                when(id("c"), sequence(10, 5)).otherwise(col("_sequence")).cast(sequenceType()));

    assertOnly(check(gold, MergeMode.SCD1), "stale: id=c");
  }

  @Test
  void theNewestSequenceWithAnotherValueIsAWrongValue() {
    Dataset<Row> gold = scd1.withColumn("value", when(id("c"), lit(9.9)).otherwise(col("value")));

    GoldBooks books = check(gold, MergeMode.SCD1);

    assertOnly(books, "wrong_value: id=c (value)");
    assertThat(books.wrongValue()).isEqualTo(1);
  }

  @Test
  void aDeletedKeyLiveInGoldIsNotDeleted() {
    Dataset<Row> gold =
        scd1.withColumn("_deleted", when(id("b"), lit(false)).otherwise(col("_deleted")));

    GoldBooks books = check(gold, MergeMode.SCD1);

    assertOnly(books, "not_deleted: id=b");
    assertThat(books.notDeleted()).isEqualTo(1);
  }

  @Test
  void aKeyBronzeNeverHadIsUnexpected() {
    Dataset<Row> gold = scd1.union(scd1.where(id("a")).withColumn("id", lit("zz")));

    GoldBooks books = check(gold, MergeMode.SCD1);

    assertOnly(books, "unexpected: id=zz");
    assertThat(books.unexpected()).isEqualTo(1);
    assertThat(books.expected()).isEqualTo(4);
  }

  @Test
  void aKeyWithTwoRowsHasSeveralCurrent() {
    Dataset<Row> gold = scd1.union(scd1.where(id("e")));

    GoldBooks books = check(gold, MergeMode.SCD1);

    assertOnly(books, "several_current: id=e");
    assertThat(books.severalCurrent()).isEqualTo(1);
  }

  @Test
  void aKeyGoldLacksIsMissing() {
    GoldBooks books = check(scd1.where(not(id("f"))), MergeMode.SCD1);

    assertOnly(books, "missing: id=f");
    assertThat(books.missing()).isEqualTo(1);
  }

  @Test
  void aKeyWithABronzeRowMergeHasNotReachedIsPendingAndNotChecked() {
    Dataset<Row> pending = bronze(List.of(update("a", 4.0, 50, 15)));

    GoldBooks books =
        GoldCheck.reconcile(bronze, pending, scd1.where(not(id("a"))), spec(MergeMode.SCD1), 100);

    assertThat(books.balanced()).as(books.toString()).isTrue();
    assertThat(books.expected()).isEqualTo(3);
    assertThat(books.pending()).isEqualTo(1);
  }

  @Test
  void scd2CurrentRowThatIsNotTheNewestVersionIsStale() {
    // a's history: 1.0 from 10, 1.5 from 20, 2.0 from 30 (current); roll the newest back
    Dataset<Row> gold =
        scd2.where(not(id("a").and(col("_is_current"))))
            .withColumn(
                "_is_current",
                when(id("a").and(col("_valid_from").equalTo(lit(seq(20)))), lit(true))
                    .otherwise(col("_is_current")));

    assertOnly(check(gold, MergeMode.SCD2), "stale: id=a");
  }

  @Test
  void scd2CurrentRowWithAnotherValueIsAWrongValue() {
    Dataset<Row> gold =
        scd2.withColumn(
            "unit", when(id("e").and(col("_is_current")), lit("F")).otherwise(col("unit")));

    assertOnly(check(gold, MergeMode.SCD2), "wrong_value: id=e (unit)");
  }

  @Test
  void scd2KeyWithTwoCurrentRowsHasSeveralCurrent() {
    Dataset<Row> gold =
        scd2.withColumn("_is_current", when(id("a"), lit(true)).otherwise(col("_is_current")));

    GoldBooks books = check(gold, MergeMode.SCD2);

    assertOnly(books, "several_current: id=a");
    assertThat(books.severalCurrent()).isEqualTo(1);
  }

  @Test
  void scd2DeletedKeyWithACurrentRowIsNotDeleted() {
    // b's rows: 5.0 closed at the delete, the delete's own row (neither current)
    Dataset<Row> gold =
        scd2.withColumn(
            "_is_current",
            when(id("b").and(not(col("_deleted"))), lit(true)).otherwise(col("_is_current")));

    assertOnly(check(gold, MergeMode.SCD2), "not_deleted: id=b");
  }

  @Test
  void scd2LiveKeyWithoutACurrentRowIsMissing() {
    Dataset<Row> gold =
        scd2.withColumn("_is_current", when(id("f"), lit(false)).otherwise(col("_is_current")));

    assertOnly(check(gold, MergeMode.SCD2), "missing: id=f");
  }

  @Test
  void scd2HistoryOfAKeyBronzeNeverHadIsUnexpected() {
    Dataset<Row> gold =
        scd2.union(scd2.where(id("b").and(not(col("_deleted")))).withColumn("id", lit("zz")));

    assertOnly(check(gold, MergeMode.SCD2), "unexpected: id=zz");
  }

  private static void assertOnly(GoldBooks books, String example) {
    assertThat(books.examples()).containsExactly(example);
    assertThat(books.balanced()).isFalse();
    long problems =
        books.missing()
            + books.stale()
            + books.wrongValue()
            + books.notDeleted()
            + books.unexpected()
            + books.severalCurrent();
    assertThat(problems).as(books.toString()).isEqualTo(1);
  }

  private GoldBooks check(Dataset<Row> gold, MergeMode mode) {
    return GoldCheck.reconcile(bronze, bronze.limit(0), gold, spec(mode), 100);
  }

  private static MergeSpec spec(MergeMode mode) {
    return new MergeSpec(
        "readings",
        mode,
        FIELDS,
        List.of("id"),
        List.of("seq"),
        List.of(),
        Optional.of("unit = 'REMOVED'"),
        List.of(),
        false,
        false,
        false,
        MergeTuning.DEFAULT);
  }

  /** Gold as merge-job writes it, from two batches. */
  private Dataset<Row> merged(MergeMode mode, List<Row> first, List<Row> second) {
    TableRef gold = TableRef.atPath(dir.resolve(mode.configName() + "/gold").toString());
    TableRef events = TableRef.atPath(dir.resolve(mode.configName() + "/events").toString());
    GoldTable.ensure(spark, gold, spec(mode));
    TableInitializer.ensure(spark, events, MergeEvents.schema(), null, Map.of());
    MergeBatch merge = new MergeBatch(spark, spec(mode), gold, events);
    merge.run(bronze(first), 0, "audit-test");
    merge.run(bronze(second), 1, "audit-test");
    return gold.read(spark);
  }

  private Dataset<Row> bronze(List<Row> rows) {
    return spark.createDataFrame(rows, TableSchemas.bronze(FIELDS));
  }

  private static Row update(String id, double value, long seqSeconds, long offset) {
    return row(id, value, "C", seqSeconds, offset, false);
  }

  /** A Kafka tombstone: only the key, produced at {@code kafkaSeconds}. */
  private static Row tombstone(String id, long kafkaSeconds, long offset) {
    Timestamp kafka = seq(kafkaSeconds);
    return RowFactory.create(
        id, null, null, null, true, RowFactory.create("t", 0, offset, kafka), kafka, kafka);
  }

  private static Row row(
      String id, Double value, String unit, long seqSeconds, long offset, boolean deleted) {
    Timestamp at = seq(seqSeconds);
    return RowFactory.create(
        id, value, unit, at, deleted, RowFactory.create("t", 0, offset, at), at, at);
  }

  private static Timestamp seq(long seconds) {
    return Timestamp.from(Instant.ofEpochSecond(EPOCH + seconds));
  }

  private static Column id(String id) {
    return col("id").equalTo(id);
  }

  private static Column sequence(long seqSeconds, long offset) {
    return org.apache.spark.sql.functions.struct(
        lit(seq(seqSeconds)).as("seq"), lit(offset).as("_offset"));
  }

  private org.apache.spark.sql.types.DataType sequenceType() {
    return scd1.schema().apply("_sequence").dataType();
  }
}
