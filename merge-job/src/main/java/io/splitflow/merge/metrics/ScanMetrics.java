package io.splitflow.merge.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.Option;

/**
 * How much of gold a MERGE scanned, from the command's own metrics: Delta keeps these out of the
 * commit's operationMetrics, yet they show whether the batch's predicates pruned the read.
 */
public final class ScanMetrics {
  public static final List<String> NAMES =
      List.of(
          "numTargetFilesBeforeSkipping",
          "numTargetFilesAfterSkipping",
          "numTargetPartitionsAfterSkipping");

  private ScanMetrics() {}

  /** The scan metrics of a MERGE's result, or none when Delta skipped the command. */
  public static Map<String, String> of(Dataset<Row> mergeResult) {
    SparkPlan plan = mergeResult.queryExecution().executedPlan();
    if (!(plan instanceof CommandResultExec result)) {
      return Map.of();
    }
    SparkPlan command = result.commandPhysicalPlan();
    Option<SQLMetric> source = command.metrics().get("numSourceRows");
    if (source.isEmpty() || source.get().value() == 0) {
      return Map.of(); // an already-committed (appId, batchId): nothing was scanned
    }
    Map<String, String> scan = new LinkedHashMap<>();
    for (String name : NAMES) {
      Option<SQLMetric> metric = command.metrics().get(name);
      if (metric.isDefined()) {
        scan.put(name, Long.toString(metric.get().value()));
      }
    }
    return scan;
  }
}
