package io.splitflow.tools.bench.ceiling;

import io.delta.tables.DeltaTable;
import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.Meter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * L3: how fast Spark appends rows already in memory to a Delta table, which is the least a job
 * writing that table pays. The rows are cached and counted before the measured part, so it holds
 * only the write: Parquet encoding, compression, the files and the commit.
 */
public final class AppendCeiling {

  private AppendCeiling() {}

  /**
   * Appends {@code rows} to the Delta table at {@code targetPath} (creating it when absent) under
   * {@code stageName}, e.g. {@link io.splitflow.tools.bench.Stages#L3_APPEND_RAW}.
   */
  public static Measurement measure(
      Meter meter, SparkSession spark, Dataset<Row> rows, String targetPath, String stageName)
      throws Exception {
    rows.persist(StorageLevel.MEMORY_ONLY());
    try {
      long count = rows.count();
      Measurement measurement =
          meter.measure(
              stageName,
              () -> {
                rows.write().format("delta").mode("append").save(targetPath);
                return Meter.Outcome.of(count);
              });
      return measurement.withDetails(commitDetails(spark, targetPath));
    } finally {
      rows.unpersist(true);
    }
  }

  /** What the append's commit says it wrote: its version, files and bytes. */
  private static Map<String, Object> commitDetails(SparkSession spark, String targetPath) {
    Row commit = DeltaTable.forPath(spark, targetPath).history(1).head();
    Map<String, String> metrics = commit.getJavaMap(commit.fieldIndex("operationMetrics"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target path", targetPath);
    details.put("delta version", commit.getLong(commit.fieldIndex("version")));
    details.put("output files", Long.parseLong(metrics.getOrDefault("numFiles", "0")));
    details.put("bytes written", Long.parseLong(metrics.getOrDefault("numOutputBytes", "0")));
    return details;
  }
}
