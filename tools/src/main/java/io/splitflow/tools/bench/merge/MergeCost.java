package io.splitflow.tools.bench.merge;

import static org.apache.spark.sql.functions.col;

import io.splitflow.common.table.TableRef;
import io.splitflow.common.table.Transactions;
import io.splitflow.merge.MergeBatch;
import io.splitflow.merge.metrics.MergeEvent;
import io.splitflow.tools.bench.ScalingPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * What a MERGE into gold costs as gold grows: one batch through the merge job's own {@link
 * MergeBatch} (dedupe, classification against gold, the MERGE, the merge-events row), timed beside
 * the plain Delta append of the same rows to bronze. The batch is built and cached first, so
 * neither timing includes making it.
 */
public final class MergeCost {
  static final String APP_ID = "splitflow-bench-merge";

  private MergeCost() {}

  /** One batch into a gold of {@code goldRows} rows, built under {@code dir} for this alone. */
  public static ScalingPoint measure(
      SparkSession spark,
      Path dir,
      long goldRows,
      long batchRows,
      double updateShare,
      boolean deletionVectors) {
    BenchLake lake = BenchLake.create(spark, dir, deletionVectors);
    GoldFill.write(spark, lake, SensorGrid.standard(), goldRows);
    return measure(
        spark, lake, SensorGrid.standard(), goldRows, batchRows, updateShare, 0, s -> {});
  }

  /**
   * Every gold size with every batch size. Each gold is written once; after each batch it is
   * restored to the version before, so every batch meets the same gold. A gold's files are deleted
   * once its batches are done.
   */
  public static List<ScalingPoint> grid(
      SparkSession spark,
      Path dir,
      List<Long> goldSizes,
      List<Long> batchSizes,
      double updateShare,
      boolean deletionVectors,
      Consumer<String> log) {
    return grid(
        spark,
        dir,
        SensorGrid.standard(),
        goldSizes,
        batchSizes,
        updateShare,
        deletionVectors,
        log);
  }

  /** {@link #grid} with readings laid out by {@code grid}. */
  public static List<ScalingPoint> grid(
      SparkSession spark,
      Path dir,
      SensorGrid grid,
      List<Long> goldSizes,
      List<Long> batchSizes,
      double updateShare,
      boolean deletionVectors,
      Consumer<String> log) {
    List<ScalingPoint> points = new ArrayList<>();
    for (long goldRows : goldSizes) {
      Path root = dir.resolve("gold-" + goldRows + (deletionVectors ? "-dv" : "-no-dv"));
      BenchLake lake = BenchLake.create(spark, root, deletionVectors);
      long start = System.nanoTime();
      long base = GoldFill.write(spark, lake, grid, goldRows);
      log.accept(String.format("gold of %,d rows written in %.1f s", goldRows, seconds(start)));
      long batchId = 0;
      for (long batchRows : batchSizes) {
        points.add(measure(spark, lake, grid, goldRows, batchRows, updateShare, batchId++, log));
        lake.restoreGold(base);
      }
      lake.delete();
    }
    return points;
  }

  /**
   * One batch into the lake's gold, left merged (the caller restores gold if it wants to). Gold
   * must hold {@code goldRows} rows as {@link GoldFill} writes them.
   */
  public static ScalingPoint measure(
      SparkSession spark,
      BenchLake lake,
      SensorGrid grid,
      long goldRows,
      long batchRows,
      double updateShare,
      long batchId,
      Consumer<String> log) {
    long updates = BronzeBatch.updates(batchRows, updateShare);
    if (grid.daysUpdated(updates) > goldRows / grid.sensorsPerDay()) {
      throw new IllegalArgumentException(
          updates + " updates need more whole days than a gold of " + goldRows + " rows has");
    }
    Dataset<Row> batch =
        BronzeBatch.of(spark, grid, batchRows, updateShare).persist(StorageLevel.MEMORY_ONLY());
    try {
      batch.count();
      long partitions = batch.select(col(BenchLake.PARTITION)).distinct().count();
      long start = System.nanoTime();
      MergeEvent event =
          new MergeBatch(spark, lake.spec(), lake.gold(), lake.events())
              .run(batch, batchId, APP_ID);
      double mergeSeconds = seconds(start);
      TableRef bronze = lake.freshBronze();
      start = System.nanoTime();
      Transactions.appendOnce(batch, bronze, APP_ID, batchId);
      double appendSeconds = seconds(start);
      Map<String, String> m = event.operationMetrics();
      ScalingPoint point =
          new ScalingPoint(
              goldRows,
              batchRows,
              updateShare,
              lake.deletionVectors(),
              mergeSeconds,
              appendSeconds,
              partitions,
              metric(m, "numTargetFilesRemoved"),
              metric(m, "numTargetRowsCopied"),
              metric(m, "numTargetRowsUpdated"),
              metric(m, "numTargetRowsInserted"));
      log.accept(describe(point, m));
      return point;
    } finally {
      batch.unpersist();
    }
  }

  static String describe(ScalingPoint p, Map<String, String> metrics) {
    return String.format(
        "gold %,d, batch %,d, deletion vectors %s: merge %.2f s, append %.2f s (x%.1f),"
            + " %d partitions, %d files rewritten, %d deletion vectors added,"
            + " rows copied %,d, updated %,d, inserted %,d; Delta: %s",
        p.goldRows(),
        p.batchRows(),
        p.deletionVectors() ? "on" : "off",
        p.mergeSeconds(),
        p.appendSeconds(),
        p.mergeOverAppend(),
        p.partitionsTouched(),
        p.filesRewritten(),
        metric(metrics, "numTargetDeletionVectorsAdded"),
        p.rowsCopied(),
        p.rowsUpdated(),
        p.rowsInserted(),
        metrics);
  }

  static long metric(Map<String, String> metrics, String name) {
    String value = metrics.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
