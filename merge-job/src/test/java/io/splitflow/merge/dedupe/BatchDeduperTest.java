package io.splitflow.merge.dedupe;

import static io.splitflow.merge.BronzeFixtures.KEYS;
import static io.splitflow.merge.BronzeFixtures.seq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeHarness;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class BatchDeduperTest {
  private final SparkSession spark = SparkTestSession.get();

  private Dataset<Row> versions(BronzeFixtures batch) {
    return Versions.of(batch.toDataset(spark), MergeHarness.spec(MergeMode.SCD1));
  }

  private List<Row> latest(BronzeFixtures batch) {
    return BatchDeduper.latestPerKey(versions(batch), KEYS).orderBy("id").collectAsList();
  }

  @Test
  void keepsTheGreatestSequencePerKeyWhateverTheArrivalOrder() {
    List<Row> rows =
        latest(
            new BronzeFixtures()
                .add("a", 3.0, 30, 12)
                .add("a", 1.0, 10, 10)
                .add("b", 7.0, 5, 11)
                .add("a", 2.0, 20, 13)); // late: arrives last, older sequence

    assertThat(rows)
        .extracting(r -> r.getAs("id"), r -> r.getAs("value"), r -> r.getAs("seq"))
        .containsExactly(tuple("a", 3.0, seq(30)), tuple("b", 7.0, seq(5)));
  }

  @Test
  void equalSequenceIsBrokenByTheGreaterKafkaOffset() {
    List<Row> rows =
        latest(
            new BronzeFixtures()
                .add("a", 1.0, 10, 100)
                .add("a", 2.0, 10, 101)
                .add("a", 0.5, 10, 99));

    assertThat(rows).extracting(r -> (Object) r.getAs("value")).containsExactly(2.0);
    Row sequence = rows.get(0).getAs("_sequence");
    assertThat(sequence.<Long>getAs("_offset")).isEqualTo(101L);
  }

  @Test
  void redeliveriesOfTheNewestVersionRankBehindIt() {
    List<Row> rows =
        BatchDeduper.ranked(
                versions(
                    new BronzeFixtures()
                        .add("a", 1.0, 10, 5)
                        .add("a", 1.0, 10, 5)
                        .add("a", 0.5, 5, 4)),
                KEYS)
            .orderBy("_rank")
            .collectAsList();

    assertThat(rows)
        .extracting(r -> r.<Row>getAs("_sequence").<Long>getAs("_offset") + "#" + r.getAs("_rank"))
        .containsExactly("5#1", "5#2", "4#3");
  }

  @Test
  void anEmptyBatchStaysEmpty() {
    assertThat(latest(new BronzeFixtures())).isEmpty();
  }
}
