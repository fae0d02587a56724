package io.splitflow.tools.maintain;

import static org.apache.spark.sql.functions.col;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.MaintenanceSettings;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.config.TableSettings;
import io.splitflow.common.job.JobName;
import io.splitflow.common.table.CheckpointPaths;
import io.splitflow.common.table.TableDefinition;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableRef;
import io.splitflow.tools.lake.StreamPosition;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Upkeep of every table of the chosen datasets and of the event log: trims raw (only what
 * deserialize has read, see {@link RawTrim}), compacts ({@code OPTIMIZE}; a clustered table is
 * clustered by it) and removes unreferenced files older than the retention ({@code VACUUM}).
 *
 * <p>VACUUM of a table a job streams from (raw for deserialize, bronze for merge) is skipped while
 * that job is behind by more than the retention: files of versions it has not read yet may have
 * been removed since (by OPTIMIZE) and would be deleted under it.
 */
public final class Maintain {
  /** The operations that add rows to raw and bronze, which their readers stream. */
  private static final Object[] APPENDS = {"WRITE", "STREAMING UPDATE"};

  static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
  static final String LISTING_PARALLELISM =
      "spark.sql.sources.parallelPartitionDiscovery.parallelism";

  private Maintain() {}

  public static List<Action> run(
      SparkSession spark,
      SplitflowConfig config,
      List<DatasetConfig> datasets,
      boolean dryRun,
      Consumer<Action> onAction) {
    List<Action> actions = new ArrayList<>();
    Consumer<Action> record =
        action -> {
          actions.add(action);
          onAction.accept(action);
        };
    MaintenanceSettings defaults = config.maintenance();
    for (DatasetConfig dataset : datasets) {
      DatasetTables tables = DatasetTables.of(spark, config, dataset);
      for (Map.Entry<TableLayer, TableDefinition> entry : tables.tables().entrySet()) {
        TableLayer layer = entry.getKey();
        TableDefinition table = entry.getValue();
        if (!table.ref().exists(spark)) {
          record.accept(Action.skip(table.label(), "all", "no table yet; run splitflow init"));
          continue;
        }
        if (layer == TableLayer.RAW) {
          record.accept(RawTrim.run(spark, config, dataset, table, dryRun));
        }
        TableSettings settings = dataset.tableSettings(layer);
        if (settings.optimize().orElse(defaults.optimize())) {
          record.accept(optimize(spark, table, dryRun));
        }
        Optional<StreamReader> reader =
            streamReader(layer)
                .map(job -> new StreamReader(job, CheckpointPaths.of(config, dataset.name(), job)));
        record.accept(
            vacuum(
                spark,
                table,
                settings.vacuumRetention().orElse(defaults.vacuumRetention()),
                reader,
                dryRun));
      }
    }
    for (TableDefinition events : TableDefinitions.eventLogs(config)) {
      if (events.ref().exists(spark)) {
        if (defaults.optimize()) {
          record.accept(optimize(spark, events, dryRun));
        }
        record.accept(vacuum(spark, events, defaults.vacuumRetention(), Optional.empty(), dryRun));
      }
    }
    return actions;
  }

  /** The job that streams from {@code layer}, if any. */
  private static Optional<JobName> streamReader(TableLayer layer) {
    return switch (layer) {
      case RAW -> Optional.of(JobName.DESERIALIZE);
      case BRONZE -> Optional.of(JobName.MERGE);
      default -> Optional.empty();
    };
  }

  /** A job reading a table as a stream, and its checkpoint. */
  record StreamReader(JobName job, String checkpoint) {}

  static Action optimize(SparkSession spark, TableDefinition table, boolean dryRun) {
    TableRef ref = table.ref();
    if (dryRun) {
      Row detail = ref.deltaTable(spark).detail().first();
      return new Action(
          table.label(),
          "optimize",
          Action.counts("files", detail.getLong(detail.fieldIndex("numFiles"))),
          null);
    }
    Row result = ref.deltaTable(spark).optimize().executeCompaction().first();
    Row metrics = result.getStruct(result.fieldIndex("metrics"));
    return new Action(
        table.label(),
        "optimize",
        Action.counts(
            "files_compacted", metrics.getLong(metrics.fieldIndex("numFilesRemoved")),
            "files_written", metrics.getLong(metrics.fieldIndex("numFilesAdded"))),
        null);
  }

  static Action vacuum(
      SparkSession spark,
      TableDefinition table,
      Duration retention,
      Optional<StreamReader> reader,
      boolean dryRun) {
    TableRef ref = table.ref();
    Instant cutoff = Instant.now().minus(retention);
    if (reader.isPresent()) {
      Optional<String> behind = behind(spark, ref, reader.get(), cutoff);
      if (behind.isPresent()) {
        return Action.skip(table.label(), "vacuum", behind.get());
      }
    }
    long hours = Retentions.vacuumHours(retention);
    String sql = "VACUUM " + ref.sqlName() + " RETAIN " + hours + " HOURS";
    boolean shortRetention = hours < 168;
    String check = spark.conf().get(RETENTION_CHECK, "true");
    // a retention below Delta's 7-day guard was configured on purpose (maintain refused one below
    // a day unless told --unsafe-retention): honour it
    if (shortRetention) {
      spark.conf().set(RETENTION_CHECK, "false");
    }
    // VACUUM spreads its file listing over this many tasks, 10000 unless set: on a small
    // cluster that is a minute of scheduling per table
    boolean listingSet = spark.conf().contains(LISTING_PARALLELISM);
    if (!listingSet) {
      spark
          .conf()
          .set(
              LISTING_PARALLELISM,
              Integer.toString(Math.max(8, spark.sparkContext().defaultParallelism() * 4)));
    }
    try {
      long files = spark.sql(sql + " DRY RUN").count();
      if (!dryRun && files > 0) {
        spark.sql(sql).collect();
      }
      return new Action(
          table.label(),
          "vacuum",
          Action.counts(
              dryRun ? "files_to_remove" : "files_removed", files, "retention_hours", hours),
          null);
    } finally {
      spark.conf().set(RETENTION_CHECK, check);
      if (!listingSet) {
        spark.conf().unset(LISTING_PARALLELISM);
      }
    }
  }

  /**
   * Why vacuum must wait for {@code reader}, if it must: the first version it has not read is older
   * than the cutoff, so a file that version needs may already be a removed file past the retention.
   */
  private static Optional<String> behind(
      SparkSession spark, TableRef table, StreamReader reader, Instant cutoff) {
    Optional<StreamPosition> position =
        StreamPosition.read(spark.sessionState().newHadoopConf(), reader.checkpoint());
    if (position.isEmpty()) {
      return Optional.empty(); // a first run reads the latest snapshot, whose files stay
    }
    // the reader needs the files of the appends it has not read; trims and OPTIMIZE it skips
    List<Row> commit =
        table
            .deltaTable(spark)
            .history()
            .where(col("version").geq(position.get().reservoirVersion()))
            .where(col("operation").isin(APPENDS))
            .orderBy("version")
            .select("version", "timestamp")
            .limit(1)
            .collectAsList();
    if (commit.isEmpty()) {
      return Optional.empty(); // nothing unread
    }
    long firstUnread = commit.get(0).getLong(0);
    Instant written = ((Timestamp) commit.get(0).get(1)).toInstant();
    if (!written.isBefore(cutoff)) {
      return Optional.empty();
    }
    return Optional.of(
        reader.job().id()
            + " has not read version "
            + firstUnread
            + " (written "
            + written
            + ") yet, older than the retention; run "
            + reader.job().id()
            + " first");
  }
}
