package io.splitflow.merge.dedupe;

import static io.splitflow.merge.BronzeFixtures.KEYS;
import static io.splitflow.merge.BronzeFixtures.SEQUENCE_BY;
import static io.splitflow.merge.BronzeFixtures.seq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class BatchDeduperTest {
  private final SparkSession spark = SparkTestSession.get();

  private List<Row> latest(BronzeFixtures batch) {
    return BatchDeduper.latestPerKey(batch.toDataset(spark), KEYS, SEQUENCE_BY)
        .orderBy("id")
        .collectAsList();
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
  void keepsBronzeColumnsAndAddsTheSequenceStruct() {
    List<Row> rows = latest(new BronzeFixtures().add("a", 1.0, 10, 5));

    assertThat(rows.get(0).schema().fieldNames())
        .containsExactly(
            "id", "value", "seq", "_source", "_ingested_at", "_deserialized_at", "_sequence");
    Row sequence = rows.get(0).getAs("_sequence");
    assertThat(sequence.schema().fieldNames()).containsExactly("seq", "_offset");
  }

  @Test
  void anEmptyBatchStaysEmpty() {
    assertThat(latest(new BronzeFixtures())).isEmpty();
  }
}
