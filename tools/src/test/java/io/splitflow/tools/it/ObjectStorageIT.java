package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.cli.JobCommand;
import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import io.splitflow.common.spark.SparkSessions;
import io.splitflow.common.table.CheckpointPaths;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.deserialize.DeserializeJob;
import io.splitflow.ingest.IngestJob;
import io.splitflow.merge.MergeJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole pipeline (ingest, deserialize, merge, dead-letter replay, merge) through the jobs'
 * command lines with every table and checkpoint on s3a:// against an S3 server in this JVM,
 * configured only by the config's hadoop section, and again on the local file system from the same
 * topic: both lakes must hold the same rows. Prints what the s3a run cost against the local one.
 */
@Timeout(600)
class ObjectStorageIT {
  private static final String DATASET = Pipeline.DATASET;

  /** unit required: readings without one are dead letters until the config is fixed. */
  private static final UnaryOperator<String> STRICT =
      yaml ->
          yaml.replace(
              "{ name: unit,         type: string }",
              "{ name: unit, type: string, required: true }");

  /** Columns that hold when a run wrote a row, not what it wrote. */
  private static final Set<String> PER_RUN =
      Set.of(
          "ingested_at",
          "ingest_date",
          "_ingested_at",
          "_deserialized_at",
          "failed_at",
          "failed_date",
          "replayed_at",
          "_updated_at");

  private static final int SENSORS = 80;
  private static final int VERSIONS = 3;
  private static final int WITHOUT_UNIT = 30;
  private static final int MALFORMED = 10;

  private static S3Server s3;
  private static String bucket;

  @TempDir Path confDir;
  @TempDir Path localLake;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start();
    // S3A caches a file system per bucket for the JVM: a bucket of this run's own
    bucket = "splitflow-it-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 == null) {
      return;
    }
    try {
      FileSystem.get(
              URI.create("s3a://" + bucket + "/"),
              SparkTestSession.get().sessionState().newHadoopConf())
          .close();
    } finally {
      s3.close();
    }
  }

  @Test
  void pipelineOnS3aHoldsWhatItHoldsOnTheLocalFileSystem() throws Exception {
    Pipeline s3aStrict = new Pipeline(confDir, STRICT);
    s3aStrict.produce(readings(s3aStrict));
    List<String> onS3 = new ArrayList<>();
    onS3.addAll(List.of("--set", "lake.root=s3a://" + bucket + "/lake"));
    onS3.addAll(List.of("--set", "lake.checkpoint-root=s3a://" + bucket + "/checkpoints"));
    s3.s3aOptions()
        .forEach((key, value) -> onS3.addAll(List.of("--set", "hadoop." + key + "=" + value)));
    Run s3a = new Run(s3aStrict, s3aStrict.redeployed(confDir, yaml -> yaml), onS3);
    Run local =
        new Run(
            s3aStrict.redeployed(localLake.resolve("lake"), STRICT),
            s3aStrict.redeployed(localLake.resolve("lake"), yaml -> yaml),
            List.of());

    // the first jobs of a JVM load and compile Spark's and Delta's code: a local pass first, so
    // that neither timed run pays for it
    Pipeline warmUp = s3aStrict.redeployed(localLake.resolve("warm-up"), STRICT);
    new Run(warmUp, warmUp, List.of()).ingestDeserializeMerge();
    String logged;
    long s3aNanos;
    long localNanos;
    try (LogCapture log = LogCapture.start()) {
      s3aNanos = s3a.runAll();
      localNanos = local.runAll();
      logged = log.text();
    }
    String printed = s3a.printedConfig();

    SplitflowConfig s3aConfig = s3a.config();
    SparkSession spark = SparkSessions.getOrCreate("object-storage-it", s3aConfig);
    SplitflowConfig localConfig = local.config();
    assertThat(s3aConfig.dataset(DATASET).table(TableLayer.GOLD).path())
        .isEqualTo("s3a://" + bucket + "/lake/gold/" + DATASET);
    FileSystem fs =
        FileSystem.get(URI.create("s3a://" + bucket + "/"), spark.sessionState().newHadoopConf());
    assertThat(
            fs.exists(
                new org.apache.hadoop.fs.Path(
                    CheckpointPaths.of(s3aConfig, DATASET, JobName.MERGE), "commits/0")))
        .as("merge's checkpoint on s3a")
        .isTrue();
    try (var files = Files.list(confDir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("_test-conf");
    }

    for (TableLayer layer :
        List.of(TableLayer.RAW, TableLayer.BRONZE, TableLayer.DEAD_LETTER, TableLayer.GOLD)) {
      List<Row> onObjectStorage = contents(s3aConfig, layer, spark);
      assertThat(onObjectStorage)
          .as(layer + " on s3a and on the local file system")
          .containsExactlyInAnyOrderElementsOf(contents(localConfig, layer, spark));
    }
    int good = SENSORS * VERSIONS;
    assertThat(table(s3aConfig, TableLayer.RAW, spark).count())
        .isEqualTo(good + WITHOUT_UNIT + MALFORMED);
    Dataset<Row> deadLetters = table(s3aConfig, TableLayer.DEAD_LETTER, spark);
    assertThat(deadLetters.count()).isEqualTo(WITHOUT_UNIT + MALFORMED);
    assertThat(deadLetters.where("replayed_at IS NOT NULL").count()).isEqualTo(WITHOUT_UNIT);
    assertThat(table(s3aConfig, TableLayer.BRONZE, spark).count()).isEqualTo(good + WITHOUT_UNIT);
    assertThat(table(s3aConfig, TableLayer.GOLD, spark).count()).isEqualTo(SENSORS + WITHOUT_UNIT);

    assertThat(printed)
        .contains("fs.s3a.endpoint: " + s3.endpoint(), "fs.s3a.secret.key: \"[hidden]\"");
    assertThat(logged).as("the jobs' log").doesNotContain(s3.secretKey);
    assertThat(printed).as("--print-config").doesNotContain(s3.secretKey);

    double s3aSeconds = s3aNanos / 1e9;
    double localSeconds = localNanos / 1e9;
    System.out.printf(
        Locale.ROOT,
        "object-storage: s3a %.1f s, local %.1f s (%.1fx)%n",
        s3aSeconds,
        localSeconds,
        s3aSeconds / localSeconds);
  }

  /**
   * Readings of {@value #SENSORS} sensors in {@value #VERSIONS} versions, readings without a unit
   * (dead letters under STRICT, replayed after the fix) and malformed JSON (dead for good).
   */
  private static List<ProducerRecord<byte[], byte[]>> readings(Pipeline p) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int version = 0; version < VERSIONS; version++) {
      for (int i = 0; i < SENSORS; i++) {
        String sensor = "s3-" + i;
        records.add(
            p.record(
                key(sensor),
                json(sensor, i + version / 10.0, "C", String.format("10:%02d:00.000", version))));
      }
    }
    for (int i = 0; i < WITHOUT_UNIT; i++) {
      String sensor = "no-unit-" + i;
      records.add(p.record(key(sensor), json(sensor, (double) i, null, "11:00:00.000")));
    }
    for (int i = 0; i < MALFORMED; i++) {
      records.add(p.record(key("broken-" + i), "{\"sensor_id\": broken " + i));
    }
    return records;
  }

  private static Dataset<Row> table(SplitflowConfig config, TableLayer layer, SparkSession spark) {
    return config.dataset(DATASET).table(layer).read(spark);
  }

  /** A table's rows without the columns that differ from run to run. */
  private static List<Row> contents(SplitflowConfig config, TableLayer layer, SparkSession spark) {
    Dataset<Row> table = table(config, layer, spark);
    List<Column> columns = new ArrayList<>();
    Arrays.stream(table.columns())
        .filter(name -> !PER_RUN.contains(name))
        .forEach(name -> columns.add(functions.col(name)));
    if (Arrays.asList(table.columns()).contains("replayed_at")) {
      columns.add(functions.col("replayed_at").isNotNull().as("replayed"));
    }
    return table.select(columns.toArray(Column[]::new)).collectAsList();
  }

  /**
   * One pipeline's command lines: ingest, deserialize and merge under the strict config, then the
   * replay and a second merge under the fixed one, each with the run's own {@code --set}s.
   */
  private record Run(Pipeline strict, Pipeline fixed, List<String> more) {
    /** Runs every job and returns how long they took, in nanoseconds. */
    long runAll() {
      long start = System.nanoTime();
      ingestDeserializeMerge();
      List<String> replay = new ArrayList<>(List.of("replay"));
      replay.addAll(args(fixed, JobName.DESERIALIZE));
      execute(new DeserializeJob(), replay);
      execute(new MergeJob(), args(fixed, JobName.MERGE));
      return System.nanoTime() - start;
    }

    void ingestDeserializeMerge() {
      execute(new IngestJob(), args(strict, JobName.INGEST));
      execute(new DeserializeJob(), args(strict, JobName.DESERIALIZE));
      execute(new MergeJob(), args(strict, JobName.MERGE));
    }

    /** The job's options (without bin/splitflow's job name) and this run's. */
    List<String> args(Pipeline pipeline, JobName job) {
      List<String> args = pipeline.cliArgs(job, more.toArray(String[]::new));
      return args.subList(1, args.size());
    }

    /** The config the fixed jobs ran with, loaded as they load it. */
    SplitflowConfig config() {
      List<String> args = args(fixed, JobName.MERGE);
      List<String> overrides = new ArrayList<>();
      for (int i = 0; i < args.size() - 1; i++) {
        if (args.get(i).equals("--set")) {
          overrides.add(args.get(i + 1));
        }
      }
      return ConfigLoader.load(
          Path.of(args.get(args.indexOf("--config") + 1)), overrides, Map.of());
    }

    String printedConfig() {
      List<String> args = new ArrayList<>(args(fixed, JobName.INGEST));
      args.add("--print-config");
      StringWriter out = new StringWriter();
      CommandLine cli = JobCommand.commandLine(new IngestJob());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(out, true));
      assertThat(cli.execute(args.toArray(String[]::new))).as(out.toString()).isZero();
      return out.toString();
    }

    private static void execute(JobCommand command, List<String> args) {
      StringWriter err = new StringWriter();
      CommandLine cli = JobCommand.commandLine(command);
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(args.toArray(String[]::new));
      assertThat(code).as(String.join(" ", args) + "\n" + err).isZero();
    }
  }
}
