package io.splitflow.tools.audit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.events.Event;
import io.splitflow.common.events.EventLog;
import io.splitflow.common.events.SourceRange;
import io.splitflow.common.job.JobName;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.CheckpointPaths;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.MergeTuning;
import io.splitflow.merge.gold.GoldSchemas;
import io.splitflow.tools.lake.StreamPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Proves the books of one dataset balance: every raw record deserialize has processed is in bronze,
 * or in the dead-letter table, or was dropped by a rule (as many as the event log counts, per
 * partition), none is held twice, and gold reflects every bronze key merge has processed.
 *
 * <p>What counts as processed comes from the jobs' checkpoints ({@link StreamPosition}): raw rows
 * of the versions deserialize has committed, bronze rows of the versions merge has committed. The
 * rest is pending, reported and not an error. Drops are summed over the event log's batch rows of
 * deserialize for this dataset, up to the committed batch of the checkpoint's query (rows of a
 * batch that did not commit are left out; all rows of earlier queries count).
 */
public final class Audit {
  /** Offsets or keys listed per problem at most. */
  public static final int LIST_LIMIT = 100;

  private static final List<String> COORDINATES = List.of("topic", "partition", "offset");

  private Audit() {}

  public static AuditResult run(SparkSession spark, SplitflowConfig config, String datasetName) {
    return run(spark, config, config.dataset(datasetName), LIST_LIMIT);
  }

  public static AuditResult run(
      SparkSession spark, SplitflowConfig config, DatasetConfig dataset, int listLimit) {
    TableRef rawTable = dataset.table(TableLayer.RAW);
    if (!rawTable.exists(spark)) {
      throw new IllegalStateException(
          "dataset "
              + dataset.name()
              + ": raw table "
              + rawTable
              + " does not exist; run ingest first");
    }
    List<String> notes = new ArrayList<>();
    var hadoop = spark.sessionState().newHadoopConf();
    Optional<StreamPosition> deserialize =
        StreamPosition.read(
            hadoop, CheckpointPaths.of(config, dataset.name(), JobName.DESERIALIZE));
    Optional<StreamPosition> merge =
        StreamPosition.read(hadoop, CheckpointPaths.of(config, dataset.name(), JobName.MERGE));
    note(notes, "deserialize", "raw", deserialize);
    note(notes, "merge", "bronze", merge);

    Dataset<Row> raw = withProcessed(spark, rawTable, deserialize);
    Dataset<Row> bronze =
        readOr(spark, dataset.table(TableLayer.BRONZE), TableSchemas.bronze(dataset.fields()));
    Dataset<Row> deadLetters =
        readOr(spark, dataset.table(TableLayer.DEAD_LETTER), TableSchemas.deadLetter());
    Drops drops = drops(spark, config, dataset.name(), deserialize);
    RecordBooks.Result records =
        RecordBooks.reconcile(raw, bronze, deadLetters, drops.perPartition(), listLimit);

    MergeSpec spec = MergeSpec.of(dataset, MergeTuning.DEFAULT);
    Dataset<Row> gold = readOr(spark, dataset.table(TableLayer.GOLD), GoldSchemas.of(spec));
    BronzeSplit split = splitBronze(spark, dataset.table(TableLayer.BRONZE), bronze, merge);
    GoldBooks goldBooks =
        GoldCheck.reconcile(split.processed(), split.pending(), gold, spec, listLimit);
    return new AuditResult(
        dataset.name(),
        deserialize,
        merge,
        records.partitions(),
        records.findings(),
        drops.total(),
        goldBooks,
        notes);
  }

  private static void note(
      List<String> notes, String job, String input, Optional<StreamPosition> position) {
    if (position.isEmpty()) {
      notes.add(job + " has committed no batch: all of " + input + " is pending");
    } else if (position.get().insideVersion()) {
      notes.add(
          job
              + " stopped inside "
              + input
              + " version "
              + position.get().reservoirVersion()
              + ": that version's rows count as pending, and drops of its batch may not balance");
    }
  }

  /** Raw coordinates with {@link RecordBooks#PROCESSED}: in a version deserialize committed. */
  private static Dataset<Row> withProcessed(
      SparkSession spark, TableRef rawTable, Optional<StreamPosition> position) {
    Dataset<Row> raw = rawTable.read(spark).select("topic", "partition", "offset");
    long through = position.map(StreamPosition::processedThrough).orElse(-1L);
    if (through < 0) {
      return raw.withColumn(RecordBooks.PROCESSED, lit(false));
    }
    if (through >= latestVersion(spark, rawTable)) {
      return raw.withColumn(RecordBooks.PROCESSED, lit(true));
    }
    Dataset<Row> done =
        asOf(spark, rawTable, through)
            .select("topic", "partition", "offset")
            .distinct()
            .withColumn(RecordBooks.PROCESSED, lit(true));
    return raw.join(done, CollectionConverters.asScala(COORDINATES).toSeq(), "left_outer")
        .na()
        .fill(false, new String[] {RecordBooks.PROCESSED});
  }

  private record BronzeSplit(Dataset<Row> processed, Dataset<Row> pending) {}

  /** Bronze rows in the versions merge committed, and the others. */
  private static BronzeSplit splitBronze(
      SparkSession spark, TableRef table, Dataset<Row> bronze, Optional<StreamPosition> position) {
    long through = position.map(StreamPosition::processedThrough).orElse(-1L);
    if (through < 0 || !table.exists(spark)) {
      return new BronzeSplit(bronze.limit(0), bronze);
    }
    if (through >= latestVersion(spark, table)) {
      return new BronzeSplit(bronze, bronze.limit(0));
    }
    Dataset<Row> processed = asOf(spark, table, through);
    Dataset<Row> done = processed.select(sourceCoordinates("_done_")).distinct();
    Column on = lit(true);
    for (String c : COORDINATES) {
      on = on.and(col(TableSchemas.SOURCE + "." + c).equalTo(col("_done_" + c)));
    }
    return new BronzeSplit(processed, bronze.join(done, on, "left_anti"));
  }

  private static Column[] sourceCoordinates(String prefix) {
    return COORDINATES.stream()
        .map(c -> col(TableSchemas.SOURCE + "." + c).as(prefix + c))
        .toArray(Column[]::new);
  }

  private record Drops(long total, Map<TopicPartition, Long> perPartition) {}

  private static Drops drops(
      SparkSession spark,
      SplitflowConfig config,
      String dataset,
      Optional<StreamPosition> position) {
    if (position.isEmpty()) {
      return new Drops(0, Map.of());
    }
    StreamPosition at = position.get();
    Dataset<Row> events =
        EventLog.of(config)
            .read(spark)
            .where(
                col("dataset")
                    .equalTo(dataset)
                    .and(col("job").equalTo(JobName.DESERIALIZE.id()))
                    .and(col("event").equalTo(Event.BATCH))
                    .and(col("counts").getItem("dropped").gt(0))
                    .and(
                        col("query_id")
                            .notEqual(at.queryId())
                            .or(col("batch_id").leq(at.batchId()))));
    long total = 0;
    Map<TopicPartition, Long> perPartition = new HashMap<>();
    for (Row row :
        events.select(col("counts").getItem("dropped"), col("details")).collectAsList()) {
      total += row.getLong(0);
      for (SourceRange range : SourceRange.fromDetails(row.getString(1))) {
        perPartition.merge(
            new TopicPartition(range.topic(), range.partition()), range.dropped(), Long::sum);
      }
    }
    return new Drops(total, perPartition);
  }

  private static Dataset<Row> readOr(SparkSession spark, TableRef table, StructType schema) {
    return table.exists(spark) ? table.read(spark) : spark.createDataFrame(List.<Row>of(), schema);
  }

  private static long latestVersion(SparkSession spark, TableRef table) {
    return table.deltaTable(spark).history(1).select("version").first().getLong(0);
  }

  private static Dataset<Row> asOf(SparkSession spark, TableRef table, long version) {
    return spark.sql("SELECT * FROM " + table.sqlName() + " VERSION AS OF " + version);
  }
}
