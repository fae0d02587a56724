package io.splitflow.common.spark;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.LogStoreSettings;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.table.TableRef;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;

/**
 * {@code lake.log-store} as Delta's settings. Delta picks the log store of a scheme from the
 * driver's SparkConf ({@code spark.delta.logStore.<scheme>.impl}) and reads the DynamoDB store's
 * settings from the session's Hadoop conf, where session confs arrive under their own key.
 */
public final class LogStoreConf {
  public static final String DYNAMODB_LOG_STORE = "io.delta.storage.S3DynamoDBLogStore";
  public static final String DYNAMODB_PREFIX = "spark.io.delta.storage.S3DynamoDBLogStore.";

  /** s3a:// everywhere, and s3:// for EMR's file system. */
  static final List<String> S3_SCHEMES = List.of("s3a", "s3");

  /** A class of each artifact the DynamoDB log store needs at run time, and the artifact. */
  private static final List<Map.Entry<String, String>> DYNAMODB_CLASSES =
      List.of(
          Map.entry(DYNAMODB_LOG_STORE, "io.delta:delta-storage-s3-dynamodb"),
          // Delta's store is built on the AWS SDK v1, which Hadoop 3.4+ no longer brings
          Map.entry(
              "com.amazonaws.services.dynamodbv2.AmazonDynamoDB",
              "com.amazonaws:aws-java-sdk-dynamodb"));

  private LogStoreConf() {}

  public static String implKey(String scheme) {
    return "spark.delta.logStore." + scheme + ".impl";
  }

  /** Delta's log store for GCS: a commit is a create-if-absent, safe for concurrent writers. */
  public static final String GCS_LOG_STORE = "io.delta.storage.GCSLogStore";

  /**
   * The Spark confs that select and configure the log stores of the config's locations: those of
   * {@code lake.log-store} for S3 (none for single-writer), and for a lake with gs:// locations
   * Delta's GCS store, which Delta does not pick by itself (it would rename, which GCS does not do
   * atomically).
   */
  public static Map<String, String> sessionConf(SplitflowConfig config) {
    Map<String, String> conf = sessionConf(config.lake().logStore());
    if (locations(config).anyMatch(location -> location.regionMatches(true, 0, "gs://", 0, 5))) {
      conf.put(implKey("gs"), GCS_LOG_STORE);
    }
    return conf;
  }

  private static Stream<String> locations(SplitflowConfig config) {
    Stream<String> tables =
        config.datasets().values().stream()
            .flatMap(dataset -> Arrays.stream(TableLayer.values()).map(dataset::table))
            .filter(table -> table != null && table.isPath())
            .map(TableRef::path);
    return Stream.concat(Stream.of(config.lake().root(), config.lake().checkpointRoot()), tables);
  }

  /** The Spark confs that select and configure the log store for S3; none for single-writer. */
  public static Map<String, String> sessionConf(LogStoreSettings logStore) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (logStore instanceof LogStoreSettings.DynamoDb dynamo) {
      S3_SCHEMES.forEach(scheme -> conf.put(implKey(scheme), DYNAMODB_LOG_STORE));
      conf.put(DYNAMODB_PREFIX + "ddb.tableName", dynamo.table());
      conf.put(DYNAMODB_PREFIX + "ddb.region", dynamo.region());
      dynamo
          .credentialsProvider()
          .ifPresent(provider -> conf.put(DYNAMODB_PREFIX + "credentials.provider", provider));
      conf.put(
          DYNAMODB_PREFIX + "provisionedThroughput.rcu", Long.toString(dynamo.readCapacityUnits()));
      conf.put(
          DYNAMODB_PREFIX + "provisionedThroughput.wcu",
          Long.toString(dynamo.writeCapacityUnits()));
    }
    return conf;
  }

  /**
   * Fails before Spark starts when the DynamoDB log store's classes are missing: Delta would only
   * fail at the first commit, after the stream started.
   */
  public static void requireClasses(LogStoreSettings logStore, ClassLoader loader) {
    if (!(logStore instanceof LogStoreSettings.DynamoDb)) {
      return;
    }
    for (Map.Entry<String, String> needed : DYNAMODB_CLASSES) {
      try {
        Class.forName(needed.getKey(), false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new ConfigException(
            "lake.log-store: 'dynamodb' needs "
                + needed.getValue()
                + " on the class path ("
                + needed.getKey()
                + " is missing); add --packages io.delta:delta-storage-s3-dynamodb:<Delta's"
                + " version>,com.amazonaws:aws-java-sdk-dynamodb:<1.12.x> to spark-submit, or"
                + " install both on the cluster");
      }
    }
  }

  /**
   * Fails when the session runs another log store for s3a than the config asks for: a job that
   * joined a running session (a notebook, a Databricks cluster) cannot change Delta's choice, which
   * is made from the cluster's Spark config.
   */
  public static void requireInEffect(LogStoreSettings logStore, SparkConf driverConf) {
    if (!(logStore instanceof LogStoreSettings.DynamoDb)) {
      return;
    }
    Optional<String> impl = Optional.ofNullable(driverConf.get(implKey("s3a"), null));
    if (!impl.equals(Optional.of(DYNAMODB_LOG_STORE))) {
      throw new ConfigException(
          "lake.log-store: 'dynamodb' is not in effect: this job joined a Spark session that"
              + " was already running with "
              + implKey("s3a")
              + "="
              + impl.orElse("<unset: Delta's S3SingleDriverLogStore>")
              + ", and Delta takes the log store from the cluster's Spark config only; set "
              + implKey("s3a")
              + "="
              + DYNAMODB_LOG_STORE
              + " there, or start the job in an application of its own (spark-submit)");
    }
  }
}
