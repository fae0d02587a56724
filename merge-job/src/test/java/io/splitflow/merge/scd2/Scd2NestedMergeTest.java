package io.splitflow.merge.scd2;

import static io.splitflow.merge.NestedFixtures.add;
import static io.splitflow.merge.NestedFixtures.customer;
import static io.splitflow.merge.NestedFixtures.items;
import static io.splitflow.merge.NestedFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.NestedFixtures;
import io.splitflow.merge.gold.GoldSchemas;
import io.splitflow.merge.metrics.BatchCounts;
import io.splitflow.merge.metrics.MergeEvent;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCD2 on a real Delta gold whose columns are a struct, an array of structs, a map and binary. */
class Scd2NestedMergeTest {
  private static final byte[] PHOTO = {(byte) 0xCA, (byte) 0xFE};
  @TempDir Path dir;

  private static BronzeFixtures customerA(String city, String price, String[] tags, long seq) {
    return customerA(city, price, tags, seq, seq);
  }

  private static BronzeFixtures customerA(
      String city, String price, String[] tags, long seq, long offset) {
    return add(
        new BronzeFixtures(NestedFixtures.FIELDS),
        "a",
        customer("Ann", city, "0150"),
        items("x", "9.99", "y", price),
        tags(tags),
        PHOTO,
        seq,
        offset);
  }

  /** Each row's validity, then its nested values. */
  private static List<String> history(MergeHarness h) {
    List<Row> rows = h.goldRows();
    List<String> values = NestedFixtures.describe(h.gold.read(h.spark));
    return java.util.stream.IntStream.range(0, rows.size())
        .mapToObj(i -> validity(rows.get(i)) + " " + values.get(i))
        .toList();
  }

  private static String validity(Row row) {
    Timestamp to = row.getAs(GoldSchemas.VALID_TO);
    return "["
        + seconds(row.getAs(GoldSchemas.VALID_FROM))
        + ","
        + (to == null ? "" : seconds(to))
        + ")"
        + (row.<Boolean>getAs(GoldSchemas.IS_CURRENT) ? " current" : "")
        + (row.<Boolean>getAs("_deleted") ? " deleted" : "");
  }

  private static long seconds(Timestamp timestamp) {
    return (timestamp.getTime() - BronzeFixtures.seq(0).getTime()) / 1000;
  }

  @Test
  void aNestedChangeIsANewVersionAndAMapInAnotherOrderIsNone() {
    MergeHarness h =
        new MergeHarness(SparkTestSession.get(), dir, NestedFixtures.spec(MergeMode.SCD2));
    h.merge(customerA("Oslo", "0.5", new String[] {"b", "2", "a", "1"}, 10));
    MergeEvent moved = h.merge(customerA("Bergen", "0.5", new String[] {"b", "2", "a", "1"}, 20));
    String hash = h.goldRows().get(1).getAs("_row_hash");

    // the same record again from a later offset, its map in another order
    MergeEvent resent =
        h.merge(customerA("Bergen", "0.5", new String[] {"a", "1", "b", "2"}, 20, 21));

    assertThat(moved.counts()).isEqualTo(new BatchCounts(1, 1, 0, 0, 0, 0, 0, 0));
    assertThat(resent.counts()).isEqualTo(new BatchCounts(1, 0, 0, 0, 1, 0, 0, 0));
    assertThat(history(h))
        .containsExactly(
            "[10,20) a: | {\"name\":\"Ann\",\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}"
                + " | [{\"sku\":\"x\",\"price\":9.99},{\"sku\":\"y\",\"price\":0.50}]"
                + " | {\"b\":\"2\",\"a\":\"1\"} | CAFE",
            "[20,) current a: | {\"name\":\"Ann\",\"address\":{\"city\":\"Bergen\",\"zip\":\"0150\"}}"
                + " | [{\"sku\":\"x\",\"price\":9.99},{\"sku\":\"y\",\"price\":0.50}]"
                + " | {\"a\":\"1\",\"b\":\"2\"} | CAFE");
    assertThat(h.goldRows().get(1).<String>getAs("_row_hash")).isEqualTo(hash);

    MergeEvent priced = h.merge(customerA("Bergen", "0.75", new String[] {"a", "1", "b", "2"}, 40));
    h.merge(new BronzeFixtures(NestedFixtures.FIELDS).tombstone("a", 50, 50));

    assertThat(priced.counts().inserted()).isEqualTo(1);
    assertThat(h.goldRows())
        .extracting(Scd2NestedMergeTest::validity)
        .containsExactly("[10,20)", "[20,40)", "[40,50)", "[50,) deleted");
  }

  @Test
  void aTrackedStructMakesVersionsAndAnUntrackedMapChangesInPlace() {
    MergeHarness h =
        new MergeHarness(
            SparkTestSession.get(), dir, NestedFixtures.spec(MergeMode.SCD2, "customer"));
    h.merge(customerA("Oslo", "0.5", new String[] {"b", "2", "a", "1"}, 10));

    MergeEvent retagged = h.merge(customerA("Oslo", "0.75", new String[] {"a", "1", "c", "3"}, 20));
    MergeEvent moved = h.merge(customerA("Bergen", "0.75", new String[] {"c", "3", "a", "1"}, 30));

    assertThat(retagged.counts()).isEqualTo(new BatchCounts(1, 0, 1, 0, 0, 0, 0, 0));
    assertThat(moved.counts()).isEqualTo(new BatchCounts(1, 1, 0, 0, 0, 0, 0, 0));
    assertThat(history(h))
        .containsExactly(
            "[10,30) a: | {\"name\":\"Ann\",\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}"
                + " | [{\"sku\":\"x\",\"price\":9.99},{\"sku\":\"y\",\"price\":0.75}]"
                + " | {\"a\":\"1\",\"c\":\"3\"} | CAFE",
            "[30,) current a: | {\"name\":\"Ann\",\"address\":{\"city\":\"Bergen\",\"zip\":\"0150\"}}"
                + " | [{\"sku\":\"x\",\"price\":9.99},{\"sku\":\"y\",\"price\":0.75}]"
                + " | {\"c\":\"3\",\"a\":\"1\"} | CAFE");
    // the first row folds both versions, each with its own untracked values
    assertThat(
            h.gold
                .read(h.spark)
                .where("_is_current = false")
                .selectExpr("to_json(transform(_versions, v -> v.tags))")
                .as(org.apache.spark.sql.Encoders.STRING())
                .first())
        .isEqualTo("[{\"b\":\"2\",\"a\":\"1\"},{\"a\":\"1\",\"c\":\"3\"}]");
  }
}
