package io.splitflow.merge.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeBatch;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.MergeTuning;
import io.splitflow.merge.metrics.MergeEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bronze gains a field inside a struct column, and a new nested column: with add-columns gold gains
 * both, old rows read null there and keep their row hash; without it gold keeps its layout.
 */
class NestedSchemaEvolutionTest {
  private static final List<FieldSpec> BEFORE =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec("customer", FieldType.parse("struct<id: string, name: string>"), false),
          new FieldSpec("profile", FieldType.parse("struct<score: int>"), false),
          new FieldSpec("seq", FieldType.TIMESTAMP, true));

  /** What bronze holds once it gained customer.tier, profile.level and a new column orders. */
  private static final List<FieldSpec> AFTER =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec(
              "customer", FieldType.parse("struct<id: string, name: string, tier: string>"), false),
          new FieldSpec("profile", FieldType.parse("struct<score: int, level: string>"), false),
          new FieldSpec("seq", FieldType.TIMESTAMP, true),
          new FieldSpec(
              "orders",
              FieldType.parse("array<struct<sku: string, price: decimal(10,2)>>"),
              false));

  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  private static MergeSpec spec(MergeMode mode, boolean addColumns, String... tracked) {
    return new MergeSpec(
        "customers",
        mode,
        BEFORE,
        List.of("id"),
        List.of("seq"),
        List.of(tracked),
        Optional.empty(),
        List.of(),
        false,
        true,
        addColumns,
        MergeTuning.DEFAULT);
  }

  private static BronzeFixtures before(BronzeFixtures batch, String id, String name, long seq) {
    return batch.row(
        Map.of(
            "id",
            id,
            "customer",
            RowFactory.create(id, name),
            "profile",
            RowFactory.create(1),
            "seq",
            BronzeFixtures.seq(seq)),
        seq,
        seq,
        false);
  }

  private static BronzeFixtures after(BronzeFixtures batch, String id, String tier, long seq) {
    return batch.row(
        Map.of(
            "id",
            id,
            "customer",
            RowFactory.create(id, "Ann", tier),
            "profile",
            RowFactory.create(1, "pro"),
            "seq",
            BronzeFixtures.seq(seq),
            "orders",
            List.of(RowFactory.create("x", new BigDecimal("9.99")))),
        seq,
        seq,
        false);
  }

  /** Merges a batch as the job does: the spec takes in what bronze gained first. */
  private MergeEvent merge(MergeHarness h, MergeSpec spec, BronzeFixtures batch, long batchId) {
    Dataset<Row> bronze = batch.toDataset(spark);
    return new MergeBatch(spark, spec.withBronzeColumns(bronze.schema()), h.gold, h.events, d -> {})
        .run(bronze, batchId, MergeHarness.APP_ID);
  }

  private List<String> gold(MergeHarness h, String... columns) {
    String values =
        String.join(
            ", ",
            java.util.Arrays.stream(columns)
                .map(c -> "coalesce(to_json(" + c + "), '-')")
                .toList());
    return h.gold
        .read(spark)
        .orderBy("id", "_sequence")
        .selectExpr("concat_ws(' ', id, " + values + ")")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  @Test
  void theSpecTakesInStructFieldsAndNestedColumnsBronzeGainedOnlyWithAddColumns() {
    StructType bronze = new BronzeFixtures(AFTER).schema();

    assertThat(spec(MergeMode.SCD1, true).withBronzeColumns(bronze).fields()).isEqualTo(AFTER);
    assertThat(spec(MergeMode.SCD1, false).withBronzeColumns(bronze).fields()).isEqualTo(BEFORE);
    // without add-columns a struct keeps only the fields gold has
    assertThat(
            MergeSpec.of("customers", MergeMode.SCD1, AFTER, List.of("id"), List.of("seq"))
                .forGold(TableSchemas.bronze(BEFORE))
                .fields())
        .isEqualTo(BEFORE);
  }

  @Test
  void scd1GoldGainsAStructFieldAndANestedColumnAndOldRowsKeepTheirHash() {
    MergeHarness h = new MergeHarness(spark, dir, spec(MergeMode.SCD1, true));
    merge(
        h,
        spec(MergeMode.SCD1, true),
        before(before(new BronzeFixtures(BEFORE), "a", "Ann", 10), "c", "Cy", 10),
        0);
    String hashOfA = h.goldRows().get(0).getAs("_row_hash");

    // c changes through the MERGE, b is new
    merge(
        h,
        spec(MergeMode.SCD1, true),
        after(after(new BronzeFixtures(AFTER), "c", "gold", 20), "b", "new", 20),
        1);

    assertThat(gold(h, "customer", "profile", "orders"))
        .containsExactly(
            "a {\"id\":\"a\",\"name\":\"Ann\"} {\"score\":1} -",
            "b {\"id\":\"b\",\"name\":\"Ann\",\"tier\":\"new\"} {\"score\":1,\"level\":\"pro\"}"
                + " [{\"sku\":\"x\",\"price\":9.99}]",
            "c {\"id\":\"c\",\"name\":\"Ann\",\"tier\":\"gold\"} {\"score\":1,\"level\":\"pro\"}"
                + " [{\"sku\":\"x\",\"price\":9.99}]");
    assertThat(h.goldRows().get(0).<String>getAs("_row_hash")).isEqualTo(hashOfA);
  }

  @Test
  void scd2GoldGainsStructFieldsInsideItsVersionsToo() {
    MergeSpec spec = spec(MergeMode.SCD2, true, "customer");
    MergeHarness h = new MergeHarness(spark, dir, spec);
    merge(h, spec, before(new BronzeFixtures(BEFORE), "a", "Ann", 10), 0);
    Row first = h.goldRows().get(0);

    // a's customer gains a tier (tracked: a new version), b is new
    merge(h, spec, after(after(new BronzeFixtures(AFTER), "a", "gold", 20), "b", "new", 20), 1);

    List<Row> rows = h.goldRows();
    assertThat(gold(h, "customer", "transform(_versions, v -> v.profile)", "orders"))
        .containsExactly(
            "a {\"id\":\"a\",\"name\":\"Ann\"} [{\"score\":1}] -",
            "a {\"id\":\"a\",\"name\":\"Ann\",\"tier\":\"gold\"}"
                + " [{\"score\":1,\"level\":\"pro\"}] [{\"sku\":\"x\",\"price\":9.99}]",
            "b {\"id\":\"b\",\"name\":\"Ann\",\"tier\":\"new\"}"
                + " [{\"score\":1,\"level\":\"pro\"}] [{\"sku\":\"x\",\"price\":9.99}]");
    // the first row is closed at 20, its values and their hash are as they were
    assertThat(rows.get(0).<String>getAs("_row_hash")).isEqualTo(first.getAs("_row_hash"));
  }

  @Test
  void withoutAddColumnsGoldKeepsItsStructsAndTakesTheFieldsItHas() {
    MergeSpec fixed = spec(MergeMode.SCD1, false);
    MergeHarness h = new MergeHarness(spark, dir, fixed);
    merge(h, fixed, before(new BronzeFixtures(BEFORE), "a", "Ann", 10), 0);
    // the config declares the new fields; gold, created before, does not have them
    MergeSpec declared =
        new MergeSpec(
            "customers",
            MergeMode.SCD1,
            AFTER,
            List.of("id"),
            List.of("seq"),
            List.of(),
            Optional.empty(),
            List.of(),
            false,
            true,
            false,
            MergeTuning.DEFAULT);

    merge(h, declared, after(after(new BronzeFixtures(AFTER), "a", "gold", 20), "b", "new", 20), 1);

    assertThat(h.gold.read(spark).schema()).isEqualTo(GoldSchemas.scd1(fixed));
    assertThat(gold(h, "customer", "profile"))
        .containsExactly(
            "a {\"id\":\"a\",\"name\":\"Ann\"} {\"score\":1}",
            "b {\"id\":\"b\",\"name\":\"Ann\"} {\"score\":1}");
  }
}
