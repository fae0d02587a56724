package io.splitflow.common.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.LogStoreSettings;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hadoop section and lake.log-store when a job joins a session that runs already. */
class ObjectStorageSessionTest {
  private static final LogStoreSettings.DynamoDb DYNAMODB =
      new LogStoreSettings.DynamoDb("delta_log", "eu-west-1", Optional.empty(), 5, 5);

  @TempDir Path dir;

  private SplitflowConfig config(String more, String... overrides) {
    return ConfigLoader.parse(
        """
        kafka: { bootstrap-servers: "k:9092" }
        lake: { root: /lake }
        datasets:
          d:
            topic: t
            fields: [ { name: id, type: string, required: true } ]
            merge: { keys: id, sequence-by: id }
        """
            + more,
        List.of(overrides),
        Map.of(),
        dir);
  }

  @Test
  void hadoopOptionsReachTheFileSystemsOfAJoinedSession() throws Exception {
    SparkSession running = SparkTestSession.get();
    Files.writeString(dir.resolve("a.txt"), "one\ntwo\n");
    String marker = "joined-" + UUID.randomUUID();
    SplitflowConfig config =
        config(
            "hadoop:\n"
                + "  fs.splitflowmarker.impl: "
                + MarkerFileSystem.class.getName()
                + "\n  fs.splitflowmarker.impl.disable.cache: true\n"
                + "  fs.splitflowmarker.option: "
                + marker
                + "\n");

    SparkSession spark = SparkSessions.getOrCreate("joined", config);

    assertThat(spark).isSameAs(running);
    // Spark's reader and its tasks open the file system with the session's Hadoop conf: the scheme
    // is known there only through the config's hadoop section
    assertThat(spark.read().text(MarkerFileSystem.SCHEME + "://" + dir + "/a.txt").count())
        .isEqualTo(2);
    assertThat(MarkerFileSystem.seen()).contains(marker).doesNotContain("null");
    assertThat(spark.sessionState().newHadoopConf().get(MarkerFileSystem.OPTION)).isEqualTo(marker);
  }

  @Test
  void dynamodbWithoutItsJarsStopsBeforeTheSessionIsTouched() {
    SplitflowConfig config =
        config("", "lake.log-store=dynamodb", "lake.dynamodb.region=eu-west-1");
    assertThat(config.lake().logStore()).isEqualTo(DYNAMODB);
    assertThatThrownBy(() -> SparkSessions.getOrCreate("dynamodb", config))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "lake.log-store: 'dynamodb' needs io.delta:delta-storage-s3-dynamodb on the class path"
                + " (io.delta.storage.S3DynamoDBLogStore is missing); add --packages"
                + " io.delta:delta-storage-s3-dynamodb:<Delta's version>,"
                + "com.amazonaws:aws-java-sdk-dynamodb:<1.12.x> to spark-submit, or install both"
                + " on the cluster");
  }

  @Test
  void dynamodbMustBeTheDriversLogStoreForS3a() {
    SparkConf running = new SparkConf(false);
    assertThatThrownBy(() -> LogStoreConf.requireInEffect(DYNAMODB, running))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "lake.log-store: 'dynamodb' is not in effect: this job joined a Spark session that was"
                + " already running with spark.delta.logStore.s3a.impl=<unset: Delta's"
                + " S3SingleDriverLogStore>, and Delta takes the log store from the cluster's"
                + " Spark config only; set"
                + " spark.delta.logStore.s3a.impl=io.delta.storage.S3DynamoDBLogStore there, or"
                + " start the job in an application of its own (spark-submit)");

    running.set("spark.delta.logStore.s3a.impl", LogStoreConf.DYNAMODB_LOG_STORE);
    assertThatNoException().isThrownBy(() -> LogStoreConf.requireInEffect(DYNAMODB, running));
    assertThatNoException()
        .isThrownBy(
            () ->
                LogStoreConf.requireInEffect(LogStoreSettings.SINGLE_WRITER, new SparkConf(false)));
  }
}
