package io.splitflow.common.spark;

import io.splitflow.common.config.SplitflowConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds (or joins) the session a job runs in, with Delta enabled. On a cluster, spark-submit or
 * the platform sets the master; run directly, the job uses every local core.
 */
public final class SparkSessions {
  public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  public static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  private SparkSessions() {}

  /** The session for {@code config}: its {@code spark} confs over those its other keys imply. */
  public static SparkSession getOrCreate(String appName, SplitflowConfig config) {
    return getOrCreate(appName, sessionConf(config));
  }

  /**
   * The confs of the config's session: {@code metrics.prometheus} turns on Spark's Prometheus
   * endpoints on the driver UI ({@code /metrics/prometheus}, {@code /metrics/executors/prometheus})
   * with the streaming queries' metrics; a conf set under {@code spark} wins.
   */
  public static Map<String, String> sessionConf(SplitflowConfig config) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (config.metrics().prometheus()) {
      conf.put("spark.ui.prometheus.enabled", "true");
      conf.put(
          "spark.metrics.conf.*.sink.prometheusServlet.class",
          "org.apache.spark.metrics.sink.PrometheusServlet");
      conf.put("spark.metrics.conf.*.sink.prometheusServlet.path", "/metrics/prometheus");
      conf.put("spark.sql.streaming.metricsEnabled", "true");
    }
    conf.putAll(config.spark());
    return conf;
  }

  public static SparkSession getOrCreate(String appName, Map<String, String> conf) {
    SparkConf sparkConf = new SparkConf(); // picks up spark.* system properties from spark-submit
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (!sparkConf.contains("spark.master") && !conf.containsKey("spark.master")) {
      builder.master("local[*]");
    }
    builder.config("spark.sql.extensions", DELTA_EXTENSION);
    builder.config("spark.sql.catalog.spark_catalog", DELTA_CATALOG);
    // dates in ingest_date/failed_date and ISO timestamps are read and written in UTC
    builder.config("spark.sql.session.timeZone", "UTC");
    conf.forEach(builder::config);
    return builder.getOrCreate();
  }

  /** Databricks owns the session and the JVM: a job there must neither stop one nor exit. */
  public static boolean onDatabricks() {
    return System.getenv("DATABRICKS_RUNTIME_VERSION") != null;
  }
}
