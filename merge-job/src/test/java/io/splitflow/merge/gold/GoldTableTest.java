package io.splitflow.merge.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.job.PermanentException;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.MergeSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldTableTest {
  private static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec("day", FieldType.DATE, true),
          new FieldSpec("value", FieldType.DOUBLE, false),
          new FieldSpec("seq", FieldType.TIMESTAMP, true));
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  private TableRef gold() {
    return TableRef.atPath(dir.resolve("gold").toString());
  }

  private static MergeSpec spec(
      MergeMode mode, List<String> partitionBy, boolean changeDataFeed, boolean deletionVectors) {
    return new MergeSpec(
        "readings",
        mode,
        FIELDS,
        List.of("id", "day"),
        List.of("seq"),
        List.of(),
        Optional.empty(),
        partitionBy,
        changeDataFeed,
        deletionVectors,
        false,
        MergeHarness.spec(mode).tuning());
  }

  private Row detail() {
    return gold().deltaTable(spark).detail().first();
  }

  @Test
  void goldIsCreatedWithItsPropertiesAndEveryPartitionColumn() {
    GoldTable.ensure(spark, gold(), spec(MergeMode.SCD2, List.of("day", "id"), true, true));

    Row detail = detail();
    assertThat(detail.<String>getList(detail.fieldIndex("partitionColumns")))
        .containsExactly("day", "id");
    assertThat(detail.<String, String>getJavaMap(detail.fieldIndex("properties")))
        .containsEntry(GoldTable.DELETION_VECTORS, "true")
        .containsEntry(GoldTable.CHANGE_DATA_FEED, "true");
    assertThat(gold().read(spark).schema().fieldNames())
        .containsExactly(
            "id",
            "day",
            "value",
            "seq",
            "_row_hash",
            "_sequence",
            "_valid_from",
            "_valid_to",
            "_is_current",
            "_deleted",
            "_versions",
            "_updated_at");
  }

  @Test
  void existingGoldTakesChangedProperties() {
    GoldTable.ensure(spark, gold(), spec(MergeMode.SCD1, List.of(), false, true));
    GoldTable.ensure(spark, gold(), spec(MergeMode.SCD1, List.of(), true, false));

    Row detail = detail();
    assertThat(detail.<String, String>getJavaMap(detail.fieldIndex("properties")))
        .containsEntry(GoldTable.CHANGE_DATA_FEED, "true")
        .containsEntry(GoldTable.DELETION_VECTORS, "false");
  }

  @Test
  void changedPartitioningIsRefusedWithWhatToDo() {
    GoldTable.ensure(spark, gold(), spec(MergeMode.SCD1, List.of("day"), false, true));

    assertThatThrownBy(
            () -> GoldTable.check(spark, gold(), spec(MergeMode.SCD1, List.of(), false, true)))
        .isInstanceOfSatisfying(
            PermanentException.class,
            e -> assertThat(e.key()).isEqualTo("gold.partitioning-changed"));
    assertThatThrownBy(
            () -> GoldTable.ensure(spark, gold(), spec(MergeMode.SCD1, List.of(), false, true)))
        .hasMessage(
            "gold table "
                + gold()
                + " is partitioned by [day] but merge.partition-by is []; Delta cannot repartition"
                + " a table in place: set merge.partition-by back to [day], or rewrite gold under"
                + " the new layout (e.g. to a new path) and point the job at it");
  }

  @Test
  void changedModeIsRefusedWithWhatToDo() {
    GoldTable.ensure(spark, gold(), spec(MergeMode.SCD1, List.of(), false, true));

    assertThatThrownBy(
            () -> GoldTable.check(spark, gold(), spec(MergeMode.SCD2, List.of(), false, true)))
        .isInstanceOfSatisfying(
            PermanentException.class, e -> assertThat(e.key()).isEqualTo("gold.mode-changed"));
    assertThatThrownBy(
            () -> GoldTable.ensure(spark, gold(), spec(MergeMode.SCD2, List.of(), false, true)))
        .hasMessageStartingWith(
            "gold table " + gold() + " holds scd1 rows but merge.mode is scd2;");
  }

  @Test
  void changedTrackedColumnsAreRefusedWithWhatToDo() {
    GoldTable.ensure(spark, gold(), spec(MergeMode.SCD2, List.of(), false, true));
    MergeSpec all = spec(MergeMode.SCD2, List.of(), false, true);
    MergeSpec valueOnly =
        new MergeSpec(
            all.dataset(),
            all.mode(),
            all.fields(),
            all.keys(),
            all.sequenceBy(),
            List.of("seq"),
            Optional.empty(),
            List.of(),
            false,
            true,
            false,
            all.tuning());

    assertThatThrownBy(() -> GoldTable.ensure(spark, gold(), valueOnly))
        .hasMessageStartingWith(
            "gold table "
                + gold()
                + " keeps per version the columns [_sequence, seq] (those outside"
                + " merge.track-history-columns) but the configuration now gives [_sequence, value]");
  }

  @Test
  void scd1GoldFromBeforeDeletesGainsTheDeletedColumn() {
    List<FieldSpec> sequence = FIELDS.stream().filter(f -> f.name().equals("seq")).toList();
    org.apache.spark.sql.types.StructType before = new org.apache.spark.sql.types.StructType();
    for (org.apache.spark.sql.types.StructField field :
        TableSchemas.gold(FIELDS, sequence).fields()) {
      if (!field.name().equals(TableSchemas.DELETED)) {
        before = before.add(field);
      }
    }
    TableInitializer.ensure(spark, gold(), before, null, Map.of());
    assertThat(gold().read(spark).schema().fieldNames()).doesNotContain("_deleted");

    GoldTable.ensure(spark, gold(), spec(MergeMode.SCD1, List.of(), false, false));

    assertThat(gold().read(spark).schema().fieldNames()).contains("_deleted");
  }
}
