package io.splitflow.common.config;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.trigger.TriggerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One dataset: a topic, how its values decode, and how gold merges them.
 *
 * @param freshnessSlo how old gold's newest record (by its Kafka timestamp) may be before {@code
 *     splitflow status} calls the dataset late
 * @param sizing the dataset's micro-batch limits
 * @param schemaGrowth how far {@code schema-evolution: add-columns} may grow bronze
 */
public record DatasetConfig(
    String name,
    String topic,
    DataFormat format,
    List<FieldSpec> fields,
    DecodeSettings decode,
    SchemaEvolution schemaEvolution,
    MergeSettings merge,
    Optional<TriggerSpec> trigger,
    Map<TableLayer, TableRef> tables,
    Map<TableLayer, TableSettings> tableSettings,
    Optional<Duration> freshnessSlo,
    Sizing sizing,
    SchemaGrowth schemaGrowth) {

  public DatasetConfig {
    fields = List.copyOf(fields);
    tables = Map.copyOf(tables);
    tableSettings = Map.copyOf(tableSettings);
  }

  public DatasetConfig(
      String name,
      String topic,
      DataFormat format,
      List<FieldSpec> fields,
      DecodeSettings decode,
      SchemaEvolution schemaEvolution,
      MergeSettings merge,
      Optional<TriggerSpec> trigger,
      Map<TableLayer, TableRef> tables) {
    this(
        name,
        topic,
        format,
        fields,
        decode,
        schemaEvolution,
        merge,
        trigger,
        tables,
        Map.of(),
        Optional.empty(),
        Sizing.DEFAULT,
        SchemaGrowth.DEFAULT);
  }

  public TableRef table(TableLayer layer) {
    return tables.get(layer);
  }

  /** The layout and maintenance overrides of {@code layer}; defaults when none are configured. */
  public TableSettings tableSettings(TableLayer layer) {
    return tableSettings.getOrDefault(layer, TableSettings.DEFAULT);
  }

  public FieldSpec field(String fieldName) {
    return fields.stream()
        .filter(f -> f.name().equals(fieldName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no field " + fieldName + " in " + name));
  }

  /** The sequence-by columns, in order, as field specs. */
  public List<FieldSpec> sequenceFields() {
    return merge.sequenceBy().stream().map(this::field).toList();
  }

  /**
   * How gold is merged. {@code trackHistoryColumns} empty means every business column; {@code
   * deleteWhen} is a SQL condition over bronze columns that marks a delete.
   */
  public record MergeSettings(
      MergeMode mode,
      List<String> keys,
      List<String> sequenceBy,
      List<String> trackHistoryColumns,
      Optional<String> deleteWhen,
      boolean changeDataFeed,
      boolean deletionVectors,
      List<String> partitionBy) {
    public static final MergeMode DEFAULT_MODE = MergeMode.SCD1;
    public static final boolean DEFAULT_CHANGE_DATA_FEED = false;
    public static final boolean DEFAULT_DELETION_VECTORS = false;

    public MergeSettings {
      keys = List.copyOf(keys);
      sequenceBy = List.copyOf(sequenceBy);
      trackHistoryColumns = List.copyOf(trackHistoryColumns);
      partitionBy = List.copyOf(partitionBy);
    }
  }
}
