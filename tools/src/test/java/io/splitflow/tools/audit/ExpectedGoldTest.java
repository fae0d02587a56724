package io.splitflow.tools.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.MergeTuning;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The audit's own newest version per key, from bronze rows, as README documents it. */
class ExpectedGoldTest {
  private static final long EPOCH = 1_800_000_000L;
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void newestIsTheGreatestSequenceThenOffsetAndDeletesFollowTheirKafkaTime() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("id", FieldType.STRING, true),
            new FieldSpec("value", FieldType.DOUBLE, false),
            new FieldSpec("seq", FieldType.TIMESTAMP, true));
    Dataset<Row> bronze =
        spark.createDataFrame(
            List.of(
                // a: the late version (offset 2) is older than the one before it
                row("a", 2.0, ts(30), ts(30), 1, false),
                row("a", 1.5, ts(20), ts(20), 2, false),
                // b: one sequence value twice, the higher offset wins
                row("b", 8.0, ts(10), ts(10), 6, false),
                row("b", 7.0, ts(10), ts(10), 5, false),
                // c: a tombstone produced at 40 deletes the version at 30
                row("c", 1.0, ts(30), ts(30), 7, false),
                row("c", null, null, ts(40), 8, true),
                // d: an update at 50 wins over the tombstone produced at 40
                row("d", null, null, ts(40), 9, true),
                row("d", 4.0, ts(50), ts(50), 3, false),
                // e: delete-when marks a delete
                row("e", 1.0, ts(10), ts(10), 10, false),
                row("e", -1.0, ts(20), ts(20), 11, false),
                // no key: no version
                row(null, null, null, ts(40), 12, true)),
            TableSchemas.bronze(fields));
    MergeSpec spec =
        new MergeSpec(
            "readings",
            MergeMode.SCD1,
            fields,
            List.of("id"),
            List.of("seq"),
            List.of(),
            Optional.of("value < 0"),
            List.of(),
            false,
            false,
            false,
            MergeTuning.DEFAULT);

    List<Row> newest =
        ExpectedGold.newest(ExpectedGold.versions(bronze, spec), spec.keys())
            .orderBy("id")
            .collectAsList();

    assertThat(newest)
        .extracting(
            r -> r.getAs("id"),
            r -> r.getAs("value"),
            r -> r.getAs(TableSchemas.DELETED),
            r -> r.<Row>getAs(ExpectedGold.ORDER).getAs("seq"),
            r -> r.<Row>getAs(ExpectedGold.ORDER).getAs(TableSchemas.SEQUENCE_OFFSET))
        .containsExactly(
            tuple("a", 2.0, false, ts(30), 1L),
            tuple("b", 8.0, false, ts(10), 6L),
            tuple("c", null, true, ts(40), 8L),
            tuple("d", 4.0, false, ts(50), 3L),
            tuple("e", -1.0, true, ts(20), 11L));
  }

  @Test
  void aTombstoneWithoutATimeTypedFirstSequenceColumnIsNoVersion() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("id", FieldType.STRING, true),
            new FieldSpec("version", FieldType.INT, true));
    Dataset<Row> bronze =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a", 1, false, source(0, ts(10)), ts(10), ts(10)),
                RowFactory.create("a", null, true, source(1, ts(20)), ts(20), ts(20))),
            TableSchemas.bronze(fields));
    MergeSpec spec =
        MergeSpec.of("readings", MergeMode.SCD1, fields, List.of("id"), List.of("version"));

    List<Row> newest =
        ExpectedGold.newest(ExpectedGold.versions(bronze, spec), spec.keys()).collectAsList();

    assertThat(newest).extracting(r -> r.getAs("version")).containsExactly(1);
  }

  private static Row row(
      String id, Double value, Timestamp seq, Timestamp kafka, long offset, boolean deleted) {
    return RowFactory.create(id, value, seq, deleted, source(offset, kafka), kafka, kafka);
  }

  private static Row source(long offset, Timestamp kafka) {
    return RowFactory.create("t", 0, offset, kafka);
  }

  private static Timestamp ts(long seconds) {
    return Timestamp.from(Instant.ofEpochSecond(EPOCH + seconds));
  }
}
