package io.splitflow.merge.dedupe;

import static io.splitflow.merge.BronzeFixtures.seq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.MergeSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class VersionsTest {
  private final SparkSession spark = SparkTestSession.get();
  private final MergeSpec spec = MergeHarness.spec(MergeMode.SCD1);

  private List<Row> versions(MergeSpec spec, BronzeFixtures batch) {
    return Versions.of(batch.toDataset(spark), spec).orderBy("_sequence").collectAsList();
  }

  @Test
  void keepsBusinessColumnsAndAddsSequenceDeletedApplicableAndSourceTimestamp() {
    Row row = versions(spec, new BronzeFixtures().add("a", 1.0, 10, 5)).get(0);

    assertThat(row.schema().fieldNames())
        .containsExactly(
            "id", "value", "seq", "_sequence", "_deleted", "_applicable", "_source_timestamp");
    assertThat(row.<Object>getAs("_source_timestamp")).isNotNull();
    Row sequence = row.getAs("_sequence");
    assertThat(sequence.schema().fieldNames()).containsExactly("seq", "_offset");
    assertThat(sequence.<Object>getAs("seq")).isEqualTo(seq(10));
  }

  @Test
  void tombstoneIsSequencedByItsKafkaTimestamp() {
    Row row = versions(spec, new BronzeFixtures().tombstone("a", 42, 7)).get(0);

    assertThat(row.<Boolean>getAs("_deleted")).isTrue();
    assertThat(row.<Boolean>getAs("_applicable")).isTrue();
    assertThat(row.<Row>getAs("_sequence").<Object>getAs("seq")).isEqualTo(seq(42));
    assertThat(row.<Object>getAs("seq")).isNull();
  }

  @Test
  void deleteWhenMarksMatchingRowsAsDeletes() {
    MergeSpec withRule =
        new MergeSpec(
            spec.dataset(),
            spec.mode(),
            spec.fields(),
            spec.keys(),
            spec.sequenceBy(),
            List.of(),
            Optional.of("value < 0"),
            List.of(),
            false,
            true,
            false,
            spec.tuning());

    List<Row> rows =
        versions(withRule, new BronzeFixtures().add("a", -1.0, 10, 1).add("b", 1.0, 20, 2));

    assertThat(rows)
        .extracting(r -> r.getAs("id"), r -> r.getAs("_deleted"))
        .containsExactly(tuple("a", true), tuple("b", false));
  }

  @Test
  void deleteWhenThatDoesNotResolveIsRefusedNamingTheKey() {
    MergeSpec typo =
        new MergeSpec(
            spec.dataset(),
            spec.mode(),
            spec.fields(),
            spec.keys(),
            spec.sequenceBy(),
            List.of(),
            Optional.of("vaule < 0"),
            List.of(),
            false,
            true,
            false,
            spec.tuning());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Versions.checkDeleteWhen(new BronzeFixtures().toDataset(spark), typo))
        .isInstanceOf(io.splitflow.common.config.ConfigException.class)
        .hasMessageStartingWith(
            "datasets.readings.merge.delete-when: 'vaule < 0' is not a boolean SQL condition over"
                + " bronze's columns (")
        .hasMessageEndingWith("); use the dataset's fields or _deleted, e.g. op = 'd'");
  }

  @Test
  void deleteWithoutKeyIsNotApplicable() {
    Row row = versions(spec, new BronzeFixtures().row(Map.of(), 3, 10, true)).get(0);

    assertThat(row.<Boolean>getAs("_applicable")).isFalse();
  }
}
