package io.splitflow.merge;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.MergeMode;
import io.splitflow.common.config.SchemaEvolution;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.SparkTypes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What the merge of one dataset needs to know, resolved once from its configuration: tests build it
 * directly, without a YAML file.
 */
public record MergeSpec(
    String dataset,
    MergeMode mode,
    List<FieldSpec> fields,
    List<String> keys,
    List<String> sequenceBy,
    List<String> trackHistoryColumns,
    Optional<String> deleteWhen,
    List<String> partitionBy,
    boolean changeDataFeed,
    boolean deletionVectors,
    boolean addColumns,
    MergeTuning tuning) {

  public MergeSpec {
    fields = List.copyOf(fields);
    keys = List.copyOf(keys);
    sequenceBy = List.copyOf(sequenceBy);
    trackHistoryColumns = List.copyOf(trackHistoryColumns);
    partitionBy = List.copyOf(partitionBy);
  }

  public static MergeSpec of(DatasetConfig dataset, MergeTuning tuning) {
    DatasetConfig.MergeSettings merge = dataset.merge();
    return new MergeSpec(
        dataset.name(),
        merge.mode(),
        dataset.fields(),
        merge.keys(),
        merge.sequenceBy(),
        merge.trackHistoryColumns(),
        merge.deleteWhen(),
        merge.partitionBy(),
        merge.changeDataFeed(),
        merge.deletionVectors(),
        dataset.schemaEvolution() == SchemaEvolution.ADD_COLUMNS,
        tuning);
  }

  /** A plain spec with defaults for everything but the essentials (tests start from this). */
  public static MergeSpec of(
      String dataset,
      MergeMode mode,
      List<FieldSpec> fields,
      List<String> keys,
      List<String> sequenceBy) {
    return new MergeSpec(
        dataset,
        mode,
        fields,
        keys,
        sequenceBy,
        List.of(),
        Optional.empty(),
        List.of(),
        false,
        true,
        false,
        MergeTuning.DEFAULT);
  }

  public List<String> fieldNames() {
    return fields.stream().map(FieldSpec::name).toList();
  }

  public List<FieldSpec> sequenceFields() {
    return sequenceBy.stream().map(this::field).toList();
  }

  public FieldSpec field(String name) {
    return fields.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no field " + name + " in " + dataset));
  }

  /**
   * The columns whose change starts a new SCD2 version: the configured ones, or by default every
   * business column but the keys and the sequence columns (these say when, not what: a version that
   * restates the same values later is not a new version).
   */
  public List<String> trackedColumns() {
    if (!trackHistoryColumns.isEmpty()) {
      return trackHistoryColumns.stream().filter(c -> !keys.contains(c)).toList();
    }
    return fieldNames().stream().filter(c -> !keys.contains(c) && !sequenceBy.contains(c)).toList();
  }

  /** Business columns a version may change in place, without a new SCD2 version. */
  public List<String> untrackedColumns() {
    List<String> tracked = trackedColumns();
    return fieldNames().stream().filter(c -> !keys.contains(c) && !tracked.contains(c)).toList();
  }

  /**
   * Without schema evolution, business columns that gold does not have are left out of the merge
   * (gold keeps its layout); with it they are merged and Delta adds them.
   */
  public MergeSpec forGold(StructType goldSchema) {
    if (addColumns) {
      return this;
    }
    Set<String> present = Set.of(goldSchema.fieldNames());
    // a struct keeps only the fields gold has, at any depth
    List<FieldSpec> kept =
        fields.stream()
            .filter(f -> present.contains(f.name()))
            .map(
                f ->
                    new FieldSpec(
                        f.name(),
                        NestedFields.narrowed(f.type(), goldSchema.apply(f.name()).dataType()),
                        f.required()))
            .toList();
    if (kept.equals(fields)) {
      return this;
    }
    return new MergeSpec(
        dataset,
        mode,
        kept,
        keys,
        sequenceBy,
        trackHistoryColumns.stream().filter(present::contains).toList(),
        deleteWhen,
        partitionBy,
        changeDataFeed,
        deletionVectors,
        addColumns,
        tuning);
  }

  /**
   * With schema evolution, this spec with what {@code bronze} has gained beyond the declared fields
   * (schema evolution, or whoever wrote bronze, added it), so gold gains it too: columns of any
   * type gold stores, and fields inside declared struct columns; without it, this spec.
   */
  public MergeSpec withBronzeColumns(StructType bronze) {
    if (!addColumns) {
      return this;
    }
    Set<String> declared = new java.util.HashSet<>();
    fields.forEach(f -> declared.add(f.name().toLowerCase(java.util.Locale.ROOT)));
    List<FieldSpec> all = new java.util.ArrayList<>();
    for (FieldSpec field : fields) {
      FieldType found =
          bronze.getFieldIndex(field.name()).isDefined()
              ? SparkTypes.fieldTypeOrNull(bronze.apply(field.name()).dataType())
              : null;
      all.add(
          found == null
              ? field
              : new FieldSpec(
                  field.name(), NestedFields.widened(field.type(), found), field.required()));
    }
    for (StructField column : bronze.fields()) {
      FieldType type = SparkTypes.fieldTypeOrNull(column.dataType());
      // bronze's own columns start with _ and do not match
      if (type != null
          && SparkTypes.ADDED_NAME.matcher(column.name()).matches()
          && !declared.contains(column.name().toLowerCase(java.util.Locale.ROOT))) {
        all.add(new FieldSpec(column.name(), type, false));
      }
    }
    if (all.equals(fields)) {
      return this;
    }
    return new MergeSpec(
        dataset,
        mode,
        all,
        keys,
        sequenceBy,
        trackHistoryColumns,
        deleteWhen,
        partitionBy,
        changeDataFeed,
        deletionVectors,
        addColumns,
        tuning);
  }

  public MergeSpec withTuning(MergeTuning newTuning) {
    return new MergeSpec(
        dataset,
        mode,
        fields,
        keys,
        sequenceBy,
        trackHistoryColumns,
        deleteWhen,
        partitionBy,
        changeDataFeed,
        deletionVectors,
        addColumns,
        newTuning);
  }
}
