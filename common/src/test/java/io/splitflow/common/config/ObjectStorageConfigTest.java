package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.cli.JobOptions;
import io.splitflow.common.job.JobName;
import io.splitflow.common.spark.SparkSessions;
import io.splitflow.common.table.CheckpointPaths;
import io.splitflow.common.table.TableRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lakes on s3a://, abfss:// and gs://, the hadoop section and lake.log-store. */
class ObjectStorageConfigTest {
  private static final String KAFKA = "kafka: { bootstrap-servers: \"k:9092\" }\n";
  private static final String DATASET =
      """
      datasets:
        d:
          topic: t
          fields:
            - { name: id, type: string, required: true }
            - { name: at, type: timestamp, required: true }
          merge: { keys: id, sequence-by: at }
      """;
  private static final String S3_LAKE = "lake: { root: s3a://bucket/lake }\n";

  @TempDir Path dir;

  private SplitflowConfig config(String yaml, String... overrides) {
    return config(yaml, Map.of(), overrides);
  }

  private SplitflowConfig config(String yaml, Map<String, String> env, String... overrides) {
    return ConfigLoader.parse(KAFKA + yaml + DATASET, List.of(overrides), env, dir);
  }

  private void rejected(String yaml, String message) {
    assertThatThrownBy(() -> config(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void tablesAndCheckpointsOnObjectStoresKeepTheirUris() {
    SplitflowConfig config =
        config("lake: { root: s3a://bucket/lake/, checkpoint-root: s3a://other/checkpoints }\n");
    assertThat(config.lake().root()).isEqualTo("s3a://bucket/lake");
    assertThat(config.dataset("d").table(TableLayer.RAW))
        .isEqualTo(TableRef.atPath("s3a://bucket/lake/raw/d"));
    assertThat(CheckpointPaths.of(config, "d", JobName.MERGE))
        .isEqualTo("s3a://other/checkpoints/d/merge");
  }

  @Test
  void perTablePathsMayBeUrisOfAnyStore() {
    SplitflowConfig config =
        ConfigLoader.parse(
            KAFKA
                + S3_LAKE
                + DATASET
                + """
                    tables:
                      gold: { path: "abfss://gold@account.dfs.core.windows.net/sensor/" }
                      dead-letter: { path: gs://bucket/dead }
                """,
            List.of(),
            Map.of(),
            dir);
    assertThat(config.dataset("d").table(TableLayer.GOLD))
        .isEqualTo(TableRef.atPath("abfss://gold@account.dfs.core.windows.net/sensor"));
    assertThat(config.dataset("d").table(TableLayer.DEAD_LETTER))
        .isEqualTo(TableRef.atPath("gs://bucket/dead"));
    assertThat(CheckpointPaths.of(config, "d", JobName.INGEST))
        .isEqualTo("s3a://bucket/lake/_checkpoints/d/ingest");
    // Delta would commit to gs:// by rename, which GCS does not do atomically
    assertThat(SparkSessions.sessionConf(config))
        .containsEntry("spark.delta.logStore.gs.impl", "io.delta.storage.GCSLogStore");
    assertThat(SparkSessions.sessionConf(config(S3_LAKE)))
        .doesNotContainKey("spark.delta.logStore.gs.impl");
  }

  @Test
  void aUriWithoutBucketIsRejectedNamingTheKey() {
    rejected(
        "lake: { root: \"s3a:///lake\" }\n",
        "lake.root: 's3a:///lake' names no bucket; write s3a://<bucket>/<path>");
    rejected(
        "lake: { root: /lake, checkpoint-root: \"abfss:///cp\" }\n",
        "lake.checkpoint-root: 'abfss:///cp' names no container; write"
            + " abfss://<container>@<account>.dfs.core.windows.net/<path>");
  }

  @Test
  void hadoopOptionsBecomeSparkHadoopConfs() {
    SplitflowConfig config =
        config(
            S3_LAKE
                + """
                hadoop:
                  fs.s3a.endpoint: http://minio:9000
                  fs.s3a.path.style.access: true
                  fs.s3a.connection.maximum: 200
                """);
    assertThat(config.hadoop())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "fs.s3a.endpoint", "http://minio:9000",
                "fs.s3a.path.style.access", "true",
                "fs.s3a.connection.maximum", "200"));
    assertThat(SparkSessions.sessionConf(config))
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://minio:9000")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
        .containsEntry("spark.hadoop.fs.s3a.connection.maximum", "200")
        .containsEntry("spark.redaction.regex", SparkSessions.CLOUD_REDACTION_REGEX);
  }

  @Test
  void setReachesTheHadoopSectionWithDotsInTheKey() {
    SplitflowConfig config =
        config(
            S3_LAKE,
            "hadoop.fs.s3a.endpoint=http://127.0.0.1:9000",
            "hadoop.fs.s3a.secret.key=s3cr3t");
    assertThat(config.hadoop())
        .containsEntry("fs.s3a.endpoint", "http://127.0.0.1:9000")
        .containsEntry("fs.s3a.secret.key", "s3cr3t");
  }

  @Test
  void anEmptyHadoopValueLeavesTheOptionUnset() {
    String yaml = S3_LAKE + "hadoop: { fs.s3a.endpoint: \"${S3_ENDPOINT:-}\" }\n";
    assertThat(config(yaml).hadoop()).isEmpty();
    assertThat(config(yaml, Map.of("S3_ENDPOINT", "http://minio:9000")).hadoop())
        .containsEntry("fs.s3a.endpoint", "http://minio:9000");
  }

  @Test
  void sparkSettingsInTheHadoopSectionAreRejected() {
    rejected(
        S3_LAKE + "hadoop: { spark.hadoop.fs.s3a.endpoint: http://x }\n",
        "hadoop.spark.hadoop.fs.s3a.endpoint: 'http://x' has Spark's prefix; write it as"
            + " hadoop.fs.s3a.endpoint");
    rejected(
        S3_LAKE + "hadoop: { spark.sql.shuffle.partitions: 4 }\n",
        "hadoop.spark.sql.shuffle.partitions: '4' is a Spark setting; put it under spark");
  }

  @Test
  void theRedactionPatternOfTheUserWins() {
    SplitflowConfig config = config(S3_LAKE + "spark: { spark.redaction.regex: \"(?i)mine\" }\n");
    assertThat(SparkSessions.sessionConf(config))
        .containsEntry("spark.redaction.regex", "(?i)mine");
  }

  @Test
  void singleWriterIsTheDefaultAndLeavesDeltasChoice() {
    SplitflowConfig config = config(S3_LAKE);
    assertThat(config.lake().logStore()).isEqualTo(LogStoreSettings.SINGLE_WRITER);
    assertThat(config(S3_LAKE, "lake.log-store=single-writer").lake().logStore())
        .isEqualTo(LogStoreSettings.SINGLE_WRITER);
    assertThat(SparkSessions.sessionConf(config).keySet())
        .noneMatch(key -> key.contains("logStore") || key.contains("S3DynamoDBLogStore"));
  }

  @Test
  void dynamodbLogStoreBecomesDeltasSettings() {
    SplitflowConfig config =
        config(
            """
            lake:
              root: s3a://bucket/lake
              log-store: dynamodb
              dynamodb:
                table: splitflow_commits
                region: eu-west-1
                credentials-provider: com.amazonaws.auth.InstanceProfileCredentialsProvider
                read-capacity: 10
                write-capacity: 20
            """);
    assertThat(config.lake().logStore())
        .isEqualTo(
            new LogStoreSettings.DynamoDb(
                "splitflow_commits",
                "eu-west-1",
                Optional.of("com.amazonaws.auth.InstanceProfileCredentialsProvider"),
                10,
                20));
    String prefix = "spark.io.delta.storage.S3DynamoDBLogStore.";
    assertThat(SparkSessions.sessionConf(config))
        .containsEntry("spark.delta.logStore.s3a.impl", "io.delta.storage.S3DynamoDBLogStore")
        .containsEntry("spark.delta.logStore.s3.impl", "io.delta.storage.S3DynamoDBLogStore")
        .containsEntry(prefix + "ddb.tableName", "splitflow_commits")
        .containsEntry(prefix + "ddb.region", "eu-west-1")
        .containsEntry(
            prefix + "credentials.provider",
            "com.amazonaws.auth.InstanceProfileCredentialsProvider")
        .containsEntry(prefix + "provisionedThroughput.rcu", "10")
        .containsEntry(prefix + "provisionedThroughput.wcu", "20");
  }

  @Test
  void dynamodbDefaultsToDeltasTableAndTheS3aRegion() {
    SplitflowConfig config =
        config(
            S3_LAKE + "hadoop: { fs.s3a.endpoint.region: us-west-2 }\n", "lake.log-store=dynamodb");
    assertThat(config.lake().logStore())
        .isEqualTo(new LogStoreSettings.DynamoDb("delta_log", "us-west-2", Optional.empty(), 5, 5));
    assertThat(SparkSessions.sessionConf(config))
        .doesNotContainKey("spark.io.delta.storage.S3DynamoDBLogStore.credentials.provider");
  }

  @Test
  void badLogStoreSettingsNameTheKey() {
    rejected(
        "lake: { root: s3a://b/l, log-store: dynamo }\n",
        "lake.log-store: 'dynamo' is not a log store; use single-writer (every writer of a table"
            + " in one Spark driver) or dynamodb (writers on several clusters)");
    rejected(
        "lake: { root: s3a://b/l, log-store: dynamodb }\n",
        "lake.dynamodb.region: is required with lake.log-store: dynamodb (e.g. us-east-1), unless"
            + " hadoop.fs.s3a.endpoint.region is set; every writer of the lake must use the same"
            + " table and region");
    rejected(
        "lake: { root: s3a://b/l, dynamodb: { region: eu-west-1 } }\n",
        "lake.dynamodb: is set but lake.log-store is single-writer; set lake.log-store: dynamodb"
            + " or remove lake.dynamodb");
    rejected(
        "lake: { root: s3a://b/l, log-store: dynamodb, dynamodb: { region: r, read-capacity: 0 } }\n",
        "lake.dynamodb.read-capacity: '0' is not a positive whole number");
    rejected(
        "lake: { root: s3a://b/l, log-store: dynamodb, dynamodb: { region: r, tabel: t } }\n",
        "lake.dynamodb.tabel: unknown key; allowed here: credentials-provider, read-capacity,"
            + " region, table, write-capacity");
  }

  @Test
  void printedConfigHidesCloudCredentialsAndShowsTheRest() throws Exception {
    Path file = dir.resolve("s3.yaml");
    Files.writeString(
        file,
        KAFKA
            + S3_LAKE
            + """
            hadoop:
              fs.s3a.endpoint: http://minio:9000
              fs.s3a.aws.credentials.provider: org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider
              fs.s3a.access.key: AKIA-EXAMPLE
              fs.s3a.secret.key: ${AWS_SECRET_ACCESS_KEY}
              fs.s3a.session.token: token-value
              fs.azure.account.key.acct.dfs.core.windows.net: azure-key
              fs.azure.sas.fixed.token: sas-value
              fs.azure.account.oauth2.client.secret: oauth-secret
              fs.gs.auth.service.account.private.key: gcs-key
            """
            + DATASET);
    String printed =
        JobOptions.of(file, "d", null, List.of("hadoop.fs.s3a.encryption.key=sse-c-key"))
            .printedConfig(Map.of("AWS_SECRET_ACCESS_KEY", "env-secret"));

    assertThat(printed)
        .contains(
            "fs.s3a.endpoint: http://minio:9000",
            "fs.s3a.aws.credentials.provider: org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
            "fs.s3a.access.key: \"[hidden]\"",
            "fs.s3a.secret.key: \"[hidden]\"",
            "fs.azure.account.key.acct.dfs.core.windows.net: \"[hidden]\"");
    for (String secret :
        List.of(
            "AKIA-EXAMPLE",
            "env-secret",
            "token-value",
            "azure-key",
            "sas-value",
            "oauth-secret",
            "gcs-key",
            "sse-c-key")) {
      assertThat(printed).doesNotContain(secret);
    }
  }

  @Test
  void shippedS3ConfigLoads() {
    Path s3 = Path.of("..", "conf", "s3.yaml");
    SplitflowConfig onAws = ConfigLoader.load(s3, List.of(), Map.of("SPLITFLOW_BUCKET", "data"));
    assertThat(onAws.lake().root()).isEqualTo("s3a://data/lake");
    assertThat(onAws.lake().checkpointRoot()).isEqualTo("s3a://data/checkpoints");
    assertThat(onAws.lake().logStore()).isEqualTo(LogStoreSettings.SINGLE_WRITER);
    assertThat(onAws.hadoop()).doesNotContainKeys("fs.s3a.endpoint", "fs.s3a.access.key");

    SplitflowConfig onMinio =
        ConfigLoader.load(
            s3,
            List.of(),
            Map.of(
                "SPLITFLOW_BUCKET", "data",
                "S3_ENDPOINT", "http://localhost:9000",
                "S3_PATH_STYLE_ACCESS", "true"));
    assertThat(onMinio.hadoop())
        .containsEntry("fs.s3a.endpoint", "http://localhost:9000")
        .containsEntry("fs.s3a.path.style.access", "true");
    assertThat(onMinio.dataset("sensor_readings").table(TableLayer.GOLD))
        .isEqualTo(TableRef.atPath("s3a://data/lake/gold/sensor_readings"));
  }
}
