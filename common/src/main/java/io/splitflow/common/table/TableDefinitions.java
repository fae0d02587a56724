package io.splitflow.common.table;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.config.TableSettings;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.job.JobName;
import io.splitflow.common.schema.TableSchemas;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * The one place that says how each table is laid out and which Delta properties it carries; the
 * jobs create their tables from these definitions and {@code splitflow init} creates all of them,
 * so the two never disagree.
 *
 * <p>Raw is append-only ({@code delta.appendOnly=true}) unless {@code maintenance.raw-retention} is
 * set: trimming raw is a DELETE, which an append-only table refuses. Gold takes deletion vectors
 * and change data feed from {@code merge.*}, the MERGE being the only job that updates or deletes.
 */
public final class TableDefinitions {
  public static final String APPEND_ONLY = "delta.appendOnly";
  public static final String DELETION_VECTORS = "delta.enableDeletionVectors";
  public static final String CHANGE_DATA_FEED = "delta.enableChangeDataFeed";
  public static final String CHECKPOINT_INTERVAL = "delta.checkpointInterval";

  /**
   * Commits between checkpoints of the tables a job appends to once per micro-batch (raw, bronze,
   * dead letters, merge_events, the event log), instead of Delta's 10: a checkpoint rebuilds the
   * table's whole state and rewrites it, which at one commit every few seconds was the largest part
   * of an append's cost. Readers replay at most this many small commit files past a checkpoint.
   * Gold keeps Delta's default: each MERGE reads its whole state anyway.
   */
  public static final String APPEND_CHECKPOINT_INTERVAL = "100";

  /** Partitioning of the layers whose rows carry a date of their own, unless configured. */
  public static final String RAW_PARTITION = "ingest_date";

  public static final String DEAD_LETTER_PARTITION = "failed_date";

  private TableDefinitions() {}

  public static TableDefinition raw(SplitflowConfig config, DatasetConfig dataset) {
    return define(
        dataset,
        TableLayer.RAW,
        TableSchemas.raw(),
        List.of(RAW_PARTITION),
        Map.of(
            APPEND_ONLY,
            Boolean.toString(config.maintenance().rawRetention().isEmpty()),
            CHECKPOINT_INTERVAL,
            APPEND_CHECKPOINT_INTERVAL));
  }

  public static TableDefinition bronze(DatasetConfig dataset) {
    return define(
        dataset,
        TableLayer.BRONZE,
        TableSchemas.bronze(
            dataset.fields(),
            dataset.decode().unknownFields() == io.splitflow.common.config.UnknownFields.KEEP),
        List.of(),
        Map.of(CHECKPOINT_INTERVAL, APPEND_CHECKPOINT_INTERVAL));
  }

  public static TableDefinition deadLetter(DatasetConfig dataset) {
    return define(
        dataset,
        TableLayer.DEAD_LETTER,
        TableSchemas.deadLetter(),
        List.of(DEAD_LETTER_PARTITION),
        Map.of(CHECKPOINT_INTERVAL, APPEND_CHECKPOINT_INTERVAL));
  }

  /** Gold's columns depend on the merge mode; the merge job knows them. */
  public static TableDefinition gold(DatasetConfig dataset, StructType schema) {
    DatasetConfig.MergeSettings merge = dataset.merge();
    return define(
        dataset,
        TableLayer.GOLD,
        schema,
        merge.partitionBy(),
        goldProperties(merge.deletionVectors(), merge.changeDataFeed()));
  }

  public static Map<String, String> goldProperties(boolean deletionVectors, boolean changeFeed) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(DELETION_VECTORS, Boolean.toString(deletionVectors));
    properties.put(CHANGE_DATA_FEED, Boolean.toString(changeFeed));
    return properties;
  }

  public static TableDefinition mergeEvents(DatasetConfig dataset, StructType schema) {
    return define(
        dataset,
        TableLayer.MERGE_EVENTS,
        schema,
        List.of(),
        Map.of(CHECKPOINT_INTERVAL, APPEND_CHECKPOINT_INTERVAL));
  }

  public static TableDefinition eventLog(TableRef table) {
    return eventLog(EventLog.DIRECTORY, table);
  }

  /** Each job's event-log table, named {@code _splitflow_events/<job>}. */
  public static List<TableDefinition> eventLogs(SplitflowConfig config) {
    return Arrays.stream(JobName.values())
        .map(job -> eventLog(EventLog.DIRECTORY + "/" + job.id(), EventLog.table(config, job)))
        .toList();
  }

  private static TableDefinition eventLog(String name, TableRef table) {
    return new TableDefinition(
        name,
        table,
        EventLog.schema(),
        List.of(),
        List.of(),
        Map.of(CHECKPOINT_INTERVAL, APPEND_CHECKPOINT_INTERVAL));
  }

  private static TableDefinition define(
      DatasetConfig dataset,
      TableLayer layer,
      StructType schema,
      List<String> defaultPartitions,
      Map<String, String> properties) {
    TableSettings settings = dataset.tableSettings(layer);
    List<String> clusterBy = settings.clusterBy().orElse(List.of());
    List<String> partitionBy =
        clusterBy.isEmpty() ? settings.partitionBy().orElse(defaultPartitions) : List.of();
    return new TableDefinition(
        dataset.name() + "/" + layer.configName(),
        dataset.table(layer),
        schema,
        partitionBy,
        clusterBy,
        properties);
  }
}
