package io.splitflow.merge.scd1;

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
import io.splitflow.merge.metrics.BatchCounts;
import io.splitflow.merge.metrics.MergeEvent;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCD1 on a real Delta gold whose columns are a struct, an array of structs, a map and binary. */
class Scd1NestedMergeTest {
  private static final byte[] PHOTO = {(byte) 0xCA, (byte) 0xFE};
  @TempDir Path dir;
  private MergeHarness h;

  @BeforeEach
  void createGold() {
    h = new MergeHarness(SparkTestSession.get(), dir, NestedFixtures.spec(MergeMode.SCD1));
  }

  private List<String> gold() {
    return NestedFixtures.describe(h.gold.read(h.spark));
  }

  @Test
  void nestedValuesAreInsertedUpdatedAndDeletedAndAMapInAnotherOrderIsNoChange() {
    h.merge(
        add(
            new BronzeFixtures(NestedFixtures.FIELDS),
            "a",
            customer("Ann", "Oslo", "0150"),
            items("x", "9.99", "y", "0.5"),
            tags("b", "2", "a", "1"),
            PHOTO,
            10,
            1));
    assertThat(gold())
        .containsExactly(
            "a: | {\"name\":\"Ann\",\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}"
                + " | [{\"sku\":\"x\",\"price\":9.99},{\"sku\":\"y\",\"price\":0.50}]"
                + " | {\"b\":\"2\",\"a\":\"1\"} | CAFE");

    // through the MERGE: a nested value changes for a, b is new
    MergeEvent updated =
        h.merge(
            add(
                add(
                    new BronzeFixtures(NestedFixtures.FIELDS),
                    "a",
                    customer("Ann", "Bergen", "5003"),
                    items("x", "9.99", "y", "0.5"),
                    tags("b", "2", "a", "1"),
                    PHOTO,
                    20,
                    2),
                "b",
                customer("Bo", null, null),
                items(),
                null,
                null,
                20,
                3));
    assertThat(updated.counts()).isEqualTo(new BatchCounts(2, 1, 1, 0, 0, 0, 0, 0));
    assertThat(gold())
        .containsExactly(
            "a: | {\"name\":\"Ann\",\"address\":{\"city\":\"Bergen\",\"zip\":\"5003\"}}"
                + " | [{\"sku\":\"x\",\"price\":9.99},{\"sku\":\"y\",\"price\":0.50}]"
                + " | {\"b\":\"2\",\"a\":\"1\"} | CAFE",
            "b: | {\"name\":\"Bo\",\"address\":{}} | [] | - | -");
    Row aBefore = h.goldRows().get(0);

    // the same record again from a later offset, its map in another order: only the sequence moves
    MergeEvent resent =
        h.merge(
            add(
                new BronzeFixtures(NestedFixtures.FIELDS),
                "a",
                customer("Ann", "Bergen", "5003"),
                items("x", "9.99", "y", "0.5"),
                tags("a", "1", "b", "2"),
                PHOTO,
                20,
                4));
    Row aAfter = h.goldRows().get(0);
    assertThat(resent.counts()).isEqualTo(new BatchCounts(1, 0, 0, 0, 1, 0, 0, 0));
    assertThat(aAfter.<String>getAs("_row_hash")).isEqualTo(aBefore.getAs("_row_hash"));
    assertThat(aAfter.<Object>getAs("_updated_at")).isEqualTo(aBefore.getAs("_updated_at"));
    assertThat(aAfter.<Row>getAs("_sequence").<Long>getAs("_offset")).isEqualTo(4L);

    // a change inside the array is a change
    MergeEvent priced =
        h.merge(
            add(
                new BronzeFixtures(NestedFixtures.FIELDS),
                "a",
                customer("Ann", "Bergen", "5003"),
                items("x", "9.99", "y", "0.75"),
                tags("a", "1", "b", "2"),
                PHOTO,
                40,
                5));
    assertThat(priced.counts().updated()).isEqualTo(1);
    assertThat(gold().get(0)).contains("{\"sku\":\"y\",\"price\":0.75}");

    h.merge(new BronzeFixtures(NestedFixtures.FIELDS).tombstone("a", 50, 6));
    assertThat(h.goldRows())
        .extracting(r -> r.getAs("id") + "=" + r.getAs("_deleted"))
        .containsExactly("a=true", "b=false");
  }
}
