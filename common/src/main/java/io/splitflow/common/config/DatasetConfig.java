package io.splitflow.common.config;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.trigger.TriggerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One dataset: a topic, how its values decode, and how gold merges them.
 *
 * @param freshnessSlo how old gold's newest record (by its Kafka timestamp) may be before {@code
 *     splitflow status} calls the dataset late
 * @param sizing the dataset's micro-batch limits
 * @param fields the decoded fields followed by the computed columns: everything downstream of
 *     decoding (rules, bronze, merge keys, gold) sees both alike. Given the decoded fields alone,
 *     the constructor appends the computed columns (a list that already ends with them is taken as
 *     is, so a copy built from the accessors is equal)
 * @param schemaGrowth how far {@code schema-evolution: add-columns} may grow bronze
 * @param columns the computed columns, see {@link ComputedColumn}
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
    SchemaGrowth schemaGrowth,
    List<ComputedColumn> columns) {

  public DatasetConfig {
    columns = List.copyOf(columns);
    fields = withColumns(fields, columns);
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
        SchemaGrowth.DEFAULT,
        List.of());
  }

  /** {@code fields} without any computed column, then the computed columns. */
  static List<FieldSpec> withColumns(List<FieldSpec> fields, List<ComputedColumn> columns) {
    Set<String> computed = columns.stream().map(ComputedColumn::name).collect(Collectors.toSet());
    List<FieldSpec> all = new ArrayList<>();
    fields.stream().filter(f -> !computed.contains(f.name())).forEach(all::add);
    columns.forEach(c -> all.add(c.asField()));
    return List.copyOf(all);
  }

  /** The fields the decoder reads from a record: {@link #fields()} without the computed columns. */
  public List<FieldSpec> decodedFields() {
    return fields.subList(0, fields.size() - columns.size());
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
