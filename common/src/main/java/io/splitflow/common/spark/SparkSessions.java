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

  public static final String REDACTION_REGEX = "spark.redaction.regex";

  public static final String SCHEDULER_MODE = "spark.scheduler.mode";

  /**
   * Delta's partitions for rebuilding a table's state from its log (default 50): every write that
   * looks up its (txnAppId, txnVersion) and every checkpoint runs that many tasks, which on a small
   * cluster is most of a small micro-batch's cost.
   */
  public static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

  /** The most {@link #SNAPSHOT_PARTITIONS} splitflow sets by itself. */
  static final int MAX_SNAPSHOT_PARTITIONS = 8;

  /**
   * Spark's default words, {@code (?i)secret|password|token|access[.]?key}, and those of the cloud
   * file systems' credentials: ABFS account keys and SAS tokens, GCS private keys, S3 SSE-C keys.
   */
  public static final String CLOUD_REDACTION_REGEX =
      "(?i)secret|password|token|access[.]?key|account[.]key|private[.]?key|encryption[.]key"
          + "|[.]sas[.]|jaas";

  private SparkSessions() {}

  /**
   * The session for {@code config}: its {@code spark} confs over those its other keys imply. A
   * session that was running already (a test's, a notebook's) is joined: Spark then takes the
   * {@code spark.hadoop.*} confs as session confs, which reach the file systems only under their
   * Hadoop key, so the {@code hadoop} options are set under both.
   */
  public static SparkSession getOrCreate(String appName, SplitflowConfig config) {
    return getOrCreate(appName, config, 1);
  }

  /**
   * Like {@link #getOrCreate(String, SplitflowConfig)}, for an application that runs {@code
   * queries} streaming queries side by side: with more than one, Spark's FAIR scheduler, unless the
   * config or spark-submit chose a mode.
   */
  public static SparkSession getOrCreate(String appName, SplitflowConfig config, int queries) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    LogStoreConf.requireClasses(
        config.lake().logStore(), loader != null ? loader : SparkSessions.class.getClassLoader());
    Map<String, String> conf = sessionConf(config);
    if (queries > 1
        && !conf.containsKey(SCHEDULER_MODE)
        && !new SparkConf().contains(SCHEDULER_MODE)) {
      conf.put(SCHEDULER_MODE, "FAIR");
    }
    SparkSession spark = getOrCreate(appName, conf);
    config.hadoop().forEach(spark.conf()::set);
    sizeSnapshotPartitions(spark);
    LogStoreConf.requireInEffect(config.lake().logStore(), spark.sparkContext().getConf());
    return spark;
  }

  /**
   * The confs of the config's session: {@code hadoop} options as {@code spark.hadoop.*}, the
   * settings of {@code lake.log-store} (and Delta's GCS log store for gs:// locations), a redaction
   * pattern that covers the cloud credentials (unless one is set already), and with {@code
   * metrics.prometheus} Spark's Prometheus endpoints on the driver UI ({@code /metrics/prometheus},
   * {@code /metrics/executors/prometheus}) with the streaming queries' metrics. A conf set under
   * {@code spark} wins.
   */
  public static Map<String, String> sessionConf(SplitflowConfig config) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (!new SparkConf().contains(REDACTION_REGEX)) { // spark-submit --conf or a -D of the user
      conf.put(REDACTION_REGEX, CLOUD_REDACTION_REGEX);
    }
    config.hadoop().forEach((key, value) -> conf.put("spark.hadoop." + key, value));
    conf.putAll(LogStoreConf.sessionConf(config));
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

  /**
   * Unless the user set it (config, spark-submit, the platform), Delta's snapshot partitions follow
   * the application's cores: {@code min(defaultParallelism, 8)}. A job's tables are rebuilt from
   * their logs once per write; 50 tasks for a log of a few hundred actions cost more than the
   * write.
   */
  static void sizeSnapshotPartitions(SparkSession spark) {
    if (spark.conf().contains(SNAPSHOT_PARTITIONS)) {
      return;
    }
    spark
        .conf()
        .set(SNAPSHOT_PARTITIONS, snapshotPartitions(spark.sparkContext().defaultParallelism()));
  }

  static int snapshotPartitions(int defaultParallelism) {
    return Math.max(1, Math.min(defaultParallelism, MAX_SNAPSHOT_PARTITIONS));
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
