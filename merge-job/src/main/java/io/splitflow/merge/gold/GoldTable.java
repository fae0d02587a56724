package io.splitflow.merge.gold;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableDefinition;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.MergeErrors;
import io.splitflow.merge.MergeSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * Creates gold with the configured layout (several partition columns, deletion vectors, change data
 * feed), or checks that an existing gold can take this configuration, before the first batch.
 */
public final class GoldTable {
  public static final String DELETION_VECTORS = TableDefinitions.DELETION_VECTORS;
  public static final String CHANGE_DATA_FEED = TableDefinitions.CHANGE_DATA_FEED;

  private GoldTable() {}

  /** Gold as this dataset's config defines it (layout, properties) with the merge's columns. */
  public static TableDefinition definition(DatasetConfig dataset, MergeSpec spec) {
    return TableDefinitions.gold(dataset, GoldSchemas.of(spec));
  }

  /** Gold at {@code gold} laid out by {@code spec} alone (no clustering). */
  public static TableInitializer.Outcome ensure(SparkSession spark, TableRef gold, MergeSpec spec) {
    return ensure(
        spark,
        new TableDefinition(
            gold.toString(),
            gold,
            GoldSchemas.of(spec),
            spec.partitionBy(),
            List.of(),
            properties(spec)),
        spec);
  }

  public static TableInitializer.Outcome ensure(
      SparkSession spark, TableDefinition definition, MergeSpec spec) {
    TableRef gold = definition.ref();
    if (!gold.exists(spark)) {
      return TableInitializer.ensure(spark, definition);
    }
    StructType schema = check(spark, gold, spec);
    if (spec.mode() == MergeMode.SCD1
        && !Set.of(schema.fieldNames()).contains(TableSchemas.DELETED)) {
      // gold written before deletes existed: its rows read as not deleted
      spark.sql("ALTER TABLE " + gold.sqlName() + " ADD COLUMNS (`_deleted` BOOLEAN)");
    }
    return TableInitializer.ensure(spark, definition);
  }

  /**
   * Checks an existing gold against the config, reading only its metadata: its mode, sequence, SCD2
   * columns and partitioning must be the ones the config gives, or no batch can be merged into it
   * and no restart will change that ({@link io.splitflow.common.job.PermanentException}). Run at
   * validation, before the job touches any table. Returns gold's schema.
   */
  public static StructType check(SparkSession spark, TableRef gold, MergeSpec spec) {
    Row detail = gold.deltaTable(spark).detail().first();
    StructType schema = gold.read(spark).schema();
    checkMode(gold, spec, schema);
    checkSequence(gold, spec, schema);
    checkFoldedColumns(gold, spec, schema);
    List<String> partitions = detail.getList(detail.fieldIndex("partitionColumns"));
    if (!partitions.equals(spec.partitionBy())) {
      throw MergeErrors.partitioningChanged(gold, partitions, spec.partitionBy());
    }
    return schema;
  }

  public static Map<String, String> properties(MergeSpec spec) {
    return TableDefinitions.goldProperties(spec.deletionVectors(), spec.changeDataFeed());
  }

  private static void checkMode(TableRef gold, MergeSpec spec, StructType schema) {
    boolean hasHistory = Set.of(schema.fieldNames()).contains(GoldSchemas.VALID_FROM);
    MergeMode found = hasHistory ? MergeMode.SCD2 : MergeMode.SCD1;
    if (found != spec.mode()) {
      throw MergeErrors.modeChanged(gold, found, spec.mode());
    }
  }

  /** SCD2 keeps the untracked columns of every version: their set cannot change under it. */
  private static void checkFoldedColumns(TableRef gold, MergeSpec spec, StructType schema) {
    if (spec.mode() != MergeMode.SCD2) {
      return;
    }
    StructType found =
        (StructType) ((ArrayType) schema.apply(GoldSchemas.VERSIONS).dataType()).elementType();
    List<String> expected = List.of(GoldSchemas.folded(spec).fieldNames());
    if (!List.of(found.fieldNames()).equals(expected)) {
      throw MergeErrors.trackedColumnsChanged(gold, List.of(found.fieldNames()), expected);
    }
  }

  private static void checkSequence(TableRef gold, MergeSpec spec, StructType schema) {
    Set<String> names = Set.of(schema.fieldNames());
    if (!names.contains(TableSchemas.SEQUENCE)) {
      throw MergeErrors.notAGoldTable(gold, TableSchemas.SEQUENCE);
    }
    StructType found = (StructType) schema.apply(TableSchemas.SEQUENCE).dataType();
    StructType expected = GoldSchemas.sequence(spec);
    if (!List.of(found.fieldNames()).equals(List.of(expected.fieldNames()))) {
      throw MergeErrors.sequenceChanged(gold, found.fieldNames(), expected.fieldNames());
    }
  }
}
