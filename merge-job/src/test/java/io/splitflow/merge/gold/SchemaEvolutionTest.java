package io.splitflow.merge.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeBatch;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.MergeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A field added to the dataset after gold exists: added to gold only with add-columns. */
class SchemaEvolutionTest {
  private static final List<FieldSpec> WITH_UNIT = withUnit();
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  private static List<FieldSpec> withUnit() {
    List<FieldSpec> fields = new ArrayList<>(BronzeFixtures.FIELDS);
    fields.add(new FieldSpec("unit", FieldType.STRING, false));
    return List.copyOf(fields);
  }

  private static MergeSpec evolved(MergeMode mode, boolean addColumns) {
    MergeSpec base = MergeHarness.spec(mode);
    return new MergeSpec(
        base.dataset(),
        mode,
        WITH_UNIT,
        base.keys(),
        base.sequenceBy(),
        List.of(),
        Optional.empty(),
        List.of(),
        false,
        true,
        addColumns,
        base.tuning());
  }

  private void mergeWithUnit(MergeHarness h, MergeSpec spec) {
    BronzeFixtures batch =
        new BronzeFixtures(WITH_UNIT)
            .row(
                Map.of("id", "b", "value", 2.0, "unit", "C", "seq", BronzeFixtures.seq(20)),
                2,
                20,
                false);
    new MergeBatch(spark, spec, h.gold, h.events, d -> {})
        .run(batch.toDataset(spark), 1, MergeHarness.APP_ID);
  }

  @Test
  void withAddColumnsTheColumnsBronzeGainedJoinTheSpecAndWithoutItTheyDoNot() {
    org.apache.spark.sql.types.StructType bronze =
        org.apache.spark.sql.types.DataTypes.createStructType(
            List.of(
                org.apache.spark.sql.types.DataTypes.createStructField(
                    "id", org.apache.spark.sql.types.DataTypes.StringType, true),
                org.apache.spark.sql.types.DataTypes.createStructField(
                    "_deleted", org.apache.spark.sql.types.DataTypes.BooleanType, true),
                org.apache.spark.sql.types.DataTypes.createStructField(
                    "battery", org.apache.spark.sql.types.DataTypes.DoubleType, true),
                org.apache.spark.sql.types.DataTypes.createStructField(
                    "blob", org.apache.spark.sql.types.DataTypes.BinaryType, true)));

    MergeSpec evolving = evolved(MergeMode.SCD1, true).withBronzeColumns(bronze);
    MergeSpec fixed = evolved(MergeMode.SCD1, false).withBronzeColumns(bronze);

    // gold takes every type it stores, not only the scalars every decoder reads
    assertThat(evolving.fields())
        .endsWith(
            new FieldSpec("battery", FieldType.DOUBLE, false),
            new FieldSpec("blob", FieldType.BINARY, false))
        .hasSize(WITH_UNIT.size() + 2);
    assertThat(fixed.fields()).isEqualTo(WITH_UNIT);
  }

  @Test
  void addColumnsAddsTheNewFieldToGoldAndKeepsOldRowHashes() {
    MergeHarness h = new MergeHarness(spark, dir, MergeHarness.spec(MergeMode.SCD1));
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1));
    String hashBefore = h.goldRows().get(0).getAs("_row_hash");

    mergeWithUnit(h, evolved(MergeMode.SCD1, true));

    List<Row> rows = h.goldRows();
    assertThat(rows.get(0).schema().fieldNames()).contains("unit");
    assertThat(rows)
        .extracting(r -> r.getAs("id") + "/" + r.getAs("unit"))
        .containsExactly("a/null", "b/C");
    assertThat(rows.get(0).<String>getAs("_row_hash")).isEqualTo(hashBefore);
  }

  @Test
  void withoutSchemaEvolutionGoldKeepsItsColumns() {
    MergeHarness h = new MergeHarness(spark, dir, MergeHarness.spec(MergeMode.SCD2));
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1));

    mergeWithUnit(h, evolved(MergeMode.SCD2, false));

    List<Row> rows = h.goldRows();
    assertThat(rows.get(0).schema().fieldNames()).doesNotContain("unit");
    assertThat(rows)
        .extracting(r -> r.getAs("id") + "=" + r.getAs("value"))
        .containsExactly("a=1.0", "b=2.0");
  }
}
