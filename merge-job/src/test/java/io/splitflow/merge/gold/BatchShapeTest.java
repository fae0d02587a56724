package io.splitflow.merge.gold;

import static io.splitflow.merge.BronzeFixtures.seq;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.dedupe.Versions;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * One pass over a batch's versions gives its size, what cannot be placed and the newest Kafka
 * timestamp (gold's freshness); the rows to merge do not carry that timestamp.
 */
class BatchShapeTest {
  private final SparkSession spark = SparkTestSession.get();
  private final MergeSpec spec = MergeHarness.spec(MergeMode.SCD1);

  @Test
  void countsAndTheNewestKafkaTimestampComeFromOnePass() {
    BronzeFixtures batch =
        new BronzeFixtures()
            .add("a", 1.0, 10, 1)
            .add("b", 2.0, 30, 2)
            .row(Map.of("value", 3.0), 3, 50, false); // no key: cannot be placed
    Dataset<Row> all = Versions.of(batch.toDataset(spark), spec);

    BatchShape shape = BatchShape.of(all, spec);

    assertThat(shape.input()).isEqualTo(3);
    assertThat(shape.skipped()).isEqualTo(1);
    assertThat(shape.newestSource()).contains(seq(50));
    assertThat(Versions.applicable(all).columns())
        .doesNotContain(Versions.APPLICABLE, Versions.SOURCE_TIMESTAMP);
  }

  @Test
  void predicatesBoundTheKeysOfTheRowsThatCanBePlacedAndSelectOnlyTheirGoldRows() {
    BronzeFixtures batch =
        new BronzeFixtures()
            .add("c", 1.0, 10, 1)
            .add("k", 2.0, 30, 2)
            .add("f", 3.0, 40, 3)
            .row(Map.of("value", 4.0), 4, 50, false); // no key: not in any range
    Dataset<Row> all = Versions.of(batch.toDataset(spark), spec);

    BatchPredicates predicates = BatchShape.of(all, spec).predicates();

    assertThat(predicates.values()).isEmpty(); // gold is not partitioned here
    assertThat(predicates.ranges()).containsOnlyKeys("id");
    assertThat(predicates.ranges().get("id")).isEqualTo(new BatchPredicates.Range("c", "k"));
    Dataset<Row> gold =
        spark
            .createDataset(java.util.List.of("a", "c", "d", "k", "m"), Encoders.STRING())
            .toDF("id");
    assertThat(gold.where(predicates.on(null).orElseThrow()).as(Encoders.STRING()).collectAsList())
        .containsExactly("c", "d", "k");
  }

  @Test
  void anEmptyBatchHasNoNewestTimestampAndNoPredicates() {
    Dataset<Row> empty = Versions.of(new BronzeFixtures().toDataset(spark), spec);
    assertThat(BatchShape.of(empty, spec).predicates().on(null)).isEmpty();
  }

  @Test
  void anEmptyBatchHasNoNewestTimestamp() {
    Dataset<Row> all = Versions.of(new BronzeFixtures().toDataset(spark), spec);
    assertThat(BatchShape.of(all, spec).newestSource()).isEmpty();
  }
}
