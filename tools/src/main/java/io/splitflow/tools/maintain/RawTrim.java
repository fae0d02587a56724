package io.splitflow.tools.maintain;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.job.JobName;
import io.splitflow.common.table.CheckpointPaths;
import io.splitflow.common.table.TableDefinition;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableRef;
import io.splitflow.tools.lake.StreamPosition;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Deletes whole {@code ingest_date} days of raw that are older than {@code
 * maintenance.raw-retention} and that deserialize has read completely: no file with new rows of
 * that day was added after the last raw version deserialize's checkpoint has committed ({@link
 * UnreadDates}). A day still partly unread stays, whatever its age. Deserialize reads raw with
 * {@code skipChangeCommits}, so the delete commit does not stop its stream.
 */
final class RawTrim {
  private static final String DATE = TableDefinitions.RAW_PARTITION;

  private RawTrim() {}

  static Action run(
      SparkSession spark,
      SplitflowConfig config,
      DatasetConfig dataset,
      TableDefinition raw,
      boolean dryRun) {
    String label = raw.label();
    Optional<Duration> retention = config.maintenance().rawRetention();
    if (retention.isEmpty()) {
      return Action.skip(label, "trim", "maintenance.raw-retention is not set: raw is kept");
    }
    TableRef ref = raw.ref();
    Row detail = ref.deltaTable(spark).detail().first();
    Map<String, String> properties = detail.getJavaMap(detail.fieldIndex("properties"));
    if (Boolean.parseBoolean(properties.getOrDefault(TableDefinitions.APPEND_ONLY, "false"))) {
      return Action.skip(
          label,
          "trim",
          "raw is append-only (delta.appendOnly=true); run splitflow init to apply"
              + " maintenance.raw-retention");
    }
    Configuration hadoop = spark.sessionState().newHadoopConf();
    Optional<StreamPosition> position =
        StreamPosition.read(
            hadoop, CheckpointPaths.of(config, dataset.name(), JobName.DESERIALIZE));
    long consumed = position.map(StreamPosition::processedThrough).orElse(-1L);
    if (consumed < 0) {
      return Action.skip(label, "trim", "deserialize has not finished reading any raw version");
    }
    long latest = ref.deltaTable(spark).history(1).first().getLong(0);
    Optional<Set<LocalDate>> unread =
        UnreadDates.of(
            hadoop, detail.getString(detail.fieldIndex("location")), consumed, latest, DATE);
    if (unread.isEmpty()) {
      return Action.skip(
          label,
          "trim",
          "the Delta log after version " + consumed + " is incomplete; cannot tell what is unread");
    }
    LocalDate cutoff = LocalDate.ofInstant(Instant.now().minus(retention.get()), ZoneOffset.UTC);
    List<LocalDate> days =
        ref
            .read(spark)
            .where(col(DATE).lt(lit(Date.valueOf(cutoff))))
            .select(DATE)
            .distinct()
            .collectAsList()
            .stream()
            .map(row -> row.getDate(0).toLocalDate())
            .filter(day -> !unread.get().contains(day))
            .sorted()
            .toList();
    Map<String, Object> counts =
        Action.counts(
            "consumed_version", consumed, "days", days.stream().map(LocalDate::toString).toList());
    if (days.isEmpty()) {
      return new Action(label, "trim", with(counts, dryRun, 0L), null);
    }
    Column chosen = col(DATE).isin(days.stream().map(Date::valueOf).toArray());
    long rows = ref.read(spark).where(chosen).count();
    if (!dryRun) {
      // a DELETE reading these days conflicts with an append to them committed meanwhile
      ref.deltaTable(spark).delete(chosen);
    }
    return new Action(label, "trim", with(counts, dryRun, rows), null);
  }

  private static Map<String, Object> with(Map<String, Object> counts, boolean dryRun, long rows) {
    Map<String, Object> all = new LinkedHashMap<>(counts);
    all.put(dryRun ? "rows_to_trim" : "rows_trimmed", rows);
    return all;
  }
}
