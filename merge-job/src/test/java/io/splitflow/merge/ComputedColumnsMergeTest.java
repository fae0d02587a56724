package io.splitflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * merge-job needs nothing of its own for computed columns: the dataset's fields include them, so a
 * computed column serves as the merge key and another as the sequence column.
 */
class ComputedColumnsMergeTest {
  private static final String YAML =
      """
      kafka: { bootstrap-servers: "localhost:9092" }
      lake: { root: /tmp/lake }
      datasets:
        orders:
          topic: t
          fields:
            - { name: id, type: string, required: true }
            - { name: value, type: double }
            - { name: seq_text, type: string, required: true }
          columns:
            - { name: order_no, type: string, expr: "upper(id)", required: true }
            - { name: seq, type: timestamp, expr: "to_timestamp(seq_text)", required: true }
          merge: { keys: order_no, sequence-by: seq }
      """;

  @TempDir Path dir;

  @Test
  void computedColumnsKeyAndOrderGold() {
    DatasetConfig dataset = ConfigLoader.parse(YAML, List.of(), Map.of()).dataset("orders");
    MergeHarness h =
        new MergeHarness(SparkTestSession.get(), dir, MergeSpec.of(dataset, MergeTuning.DEFAULT));

    h.merge(
        new BronzeFixtures(dataset.fields())
            .row(version("a", 1.0, 10), 1, 1, false)
            .row(version("A", 3.0, 30), 2, 2, false)
            .row(version("b", 2.0, 10), 3, 3, false));
    h.merge(new BronzeFixtures(dataset.fields()).row(version("a", 0.5, 20), 4, 4, false));

    List<Row> gold =
        h.gold
            .read(h.spark)
            .selectExpr("order_no", "id", "value")
            .orderBy("order_no")
            .collectAsList();
    assertThat(gold)
        .extracting(r -> r.get(0) + "/" + r.get(1) + "=" + r.get(2))
        .containsExactly("A/A=3.0", "B/b=2.0");
  }

  /** A bronze row as deserialize-job writes it, the computed columns filled. */
  private static Map<String, Object> version(String id, double value, long seqSeconds) {
    return Map.of(
        "id",
        id,
        "value",
        value,
        "seq_text",
        BronzeFixtures.seq(seqSeconds).toString(),
        "order_no",
        id.toUpperCase(java.util.Locale.ROOT),
        "seq",
        BronzeFixtures.seq(seqSeconds));
  }
}
