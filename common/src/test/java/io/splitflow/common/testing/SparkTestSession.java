package io.splitflow.common.testing;

import io.splitflow.common.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] session per test JVM, shared by every test class: starting Spark costs seconds on
 * two cores. UI off, two shuffle partitions, one Delta snapshot partition.
 */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSessions.getOrCreate(
              "splitflow-tests",
              Map.of(
                  "spark.master", "local[2]",
                  "spark.ui.enabled", "false",
                  "spark.sql.shuffle.partitions", "2",
                  "spark.default.parallelism", "2",
                  "spark.databricks.delta.snapshotPartitions", "1",
                  "spark.sql.streaming.minBatchesToRetain", "5",
                  "spark.driver.host", "127.0.0.1",
                  "spark.driver.bindAddress", "127.0.0.1"));
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }
}
