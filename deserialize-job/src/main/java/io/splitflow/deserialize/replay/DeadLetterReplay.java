package io.splitflow.deserialize.replay;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.CheckpointLock;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableRef;
import io.splitflow.deserialize.batch.BatchProcessor;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Re-decodes waiting dead letters with the current code and config. Those that now pass go to
 * bronze with their original Kafka coordinates and are marked {@code replayed_at}; those that still
 * fail stay as they are. Safe to repeat and to crash: a record whose coordinates are already in
 * bronze is not appended again, only marked.
 *
 * <p>The candidates are one version of the dead-letter table, read once: the bronze append and the
 * marking both come from that set, so a dead letter a running deserialize appends meanwhile is
 * neither appended nor marked (the next replay takes it). A replay holds deserialize's checkpoint
 * lock while it runs: it is refused while deserialize runs for the dataset (or another replay
 * does), naming that instance's host and pid, and deserialize cannot start under it; {@link
 * #runUnlocked} is for an operator who knows better ({@code replay --force}).
 */
public final class DeadLetterReplay {
  private static final String[] COORDINATES = {"topic", "partition", "offset"};

  private DeadLetterReplay() {}

  /** What one replay did. */
  public record Result(long candidates, long toBronze, long stillFailing) {}

  /** Test crash point between the bronze append and the marking. */
  public static final String AFTER_BRONZE = "replay.after-bronze-write";

  /** Replays under deserialize's checkpoint lock (the session's lock confs apply). */
  public static Result run(
      SparkSession spark, JobContext context, BatchProcessor processor, Optional<String> where) {
    try (CheckpointLock lock = JobRunner.lock(spark, context, "replay")) {
      return replay(spark, context, processor, where);
    }
  }

  /** Replays without taking the lock: {@code replay --force}. */
  public static Result runUnlocked(
      SparkSession spark, JobContext context, BatchProcessor processor, Optional<String> where) {
    return replay(spark, context, processor, where);
  }

  private static Result replay(
      SparkSession spark, JobContext context, BatchProcessor processor, Optional<String> where) {
    TableRef deadLetterTable = context.table(TableLayer.DEAD_LETTER);
    TableRef bronzeTable = context.table(TableLayer.BRONZE);
    long version =
        deadLetterTable.deltaTable(spark).history(1).select("version").first().getLong(0);
    Dataset<Row> waiting =
        spark
            .sql("SELECT * FROM " + deadLetterTable.sqlName() + " VERSION AS OF " + version)
            .where(col(TableSchemas.REPLAYED_AT).isNull());
    if (where.isPresent()) {
      waiting = waiting.where(expr(where.get()));
    }
    Dataset<Row> raw = waiting.select(rawColumns());
    try (BatchProcessor.Processed batch = processor.process(raw)) {
      long candidates = batch.counts().input();
      Dataset<Row> passed =
          batch
              .bronze()
              .join(
                  bronzeTable.read(spark).select(sourceCoordinates()).distinct(),
                  joinOnCoordinates(batch.bronze()),
                  "left_anti");
      if (!passed.isEmpty()) {
        // columns the replayed records add land with them, in one commit
        bronzeTable.append(
            passed
                .write()
                .option("mergeSchema", Boolean.toString(!batch.addedColumns().isEmpty())));
      }
      FaultPoints.check(AFTER_BRONZE);
      Dataset<Row> failing =
          batch.deadLetters().select(COORDINATES[0], COORDINATES[1], COORDINATES[2]);
      // everything of the frozen set that did not fail again is resolved: it reached bronze, or a
      // rule dropped it
      Dataset<Row> resolved =
          raw.select(COORDINATES[0], COORDINATES[1], COORDINATES[2]).except(failing);
      if (resolved.isEmpty()) {
        return new Result(candidates, 0, candidates);
      }
      deadLetterTable
          .deltaTable(spark)
          .as("d")
          .merge(
              resolved.as("r"),
              "d.topic = r.topic AND d.partition = r.partition AND d.offset = r.offset AND d."
                  + TableSchemas.REPLAYED_AT
                  + " IS NULL")
          .whenMatched()
          .updateExpr(Map.of(TableSchemas.REPLAYED_AT, "current_timestamp()"))
          .execute();
      long stillFailing = batch.counts().deadLetters();
      return new Result(candidates, candidates - stillFailing, stillFailing);
    }
  }

  private static Column[] rawColumns() {
    String[] names = TableSchemas.raw().fieldNames();
    Column[] columns = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      columns[i] = col(names[i]);
    }
    return columns;
  }

  private static Column[] sourceCoordinates() {
    return new Column[] {
      col(TableSchemas.SOURCE + ".topic").as("_t"),
      col(TableSchemas.SOURCE + ".partition").as("_p"),
      col(TableSchemas.SOURCE + ".offset").as("_o")
    };
  }

  private static Column joinOnCoordinates(Dataset<Row> bronze) {
    return bronze
        .col(TableSchemas.SOURCE + ".topic")
        .equalTo(col("_t"))
        .and(bronze.col(TableSchemas.SOURCE + ".partition").equalTo(col("_p")))
        .and(bronze.col(TableSchemas.SOURCE + ".offset").equalTo(col("_o")));
  }
}
