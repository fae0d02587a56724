package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jars as an operator deploys them: deploy/spark-submit/submit-all.sh, run as it is,
 * submits the three -all jars in client mode to a standalone Spark cluster (a master and a worker,
 * separate JVMs) whose class path is a Spark distribution's and nothing more, against the embedded
 * broker and a lake on the local file system that driver and executor share. The jars must bring
 * Delta, the Kafka connector and everything else a job needs; the tables must come out as
 * in-process runs make them.
 */
@Timeout(600)
class ClusterSubmitIT {
  private static final Path SCRIPT = Path.of("..", "deploy", "spark-submit", "submit-all.sh");

  /** jars/ by maven-dependency-plugin (tools/pom.xml, execution spark-home-jars); conf/ by us. */
  private static final Path SPARK_HOME = Path.of("target", "spark-home");

  private static final int SENSORS = 40;
  private static final int READINGS_PER_SENSOR = 6;

  @TempDir Path work;

  @Test
  void submitAllRunsTheJobJarsOnAStandaloneClusterAndGoldHoldsTheLatestReadingPerKey()
      throws Exception {
    Path jarDir = jobJars();
    assertThat(sparkHomeJars())
        .as("SPARK_HOME/jars must hold Spark only: what a job needs besides comes from its jar")
        .isNotEmpty()
        .noneMatch(
            jar ->
                jar.startsWith("delta-")
                    || jar.contains("kafka")
                    || jar.startsWith("spark-avro")
                    || jar.startsWith("protobuf-java")
                    || jar.startsWith("splitflow-"));

    Path logs = fresh(Path.of("target", "cluster-submit-it"));
    long start = System.nanoTime();
    try (ClusterStandalone cluster = ClusterStandalone.start(SPARK_HOME.toAbsolutePath(), logs)) {
      long clusterUp = System.nanoTime();
      Pipeline p = new Pipeline(work.resolve("lake"));
      Map<String, Double> latest = produceReadings(p);

      long submitted = System.nanoTime();
      Path output = logs.resolve("submit-all.log");
      int exit = submitAll(cluster, p, jarDir, output);
      long done = System.nanoTime();
      assertThat(exit)
          .as(
              "submit-all.sh exit code; its output:\n%s\ncluster logs:%s",
              Files.readString(output), cluster.logTails())
          .isZero();

      JsonNode apps = cluster.masterState().path("completedapps");
      assertThat(StreamSupport.stream(apps.spliterator(), false).map(ClusterSubmitIT::nameState))
          .as("the applications the master ran")
          .containsExactlyInAnyOrder(
              "splitflow-ingest-" + Pipeline.DATASET + " FINISHED",
              "splitflow-deserialize-" + Pipeline.DATASET + " FINISHED",
              "splitflow-merge-" + Pipeline.DATASET + " FINISHED");

      assertThat(p.count(TableLayer.RAW)).as("raw = produced").isEqualTo(produced());
      assertThat(p.count(TableLayer.BRONZE))
          .as("bronze: every reading valid")
          .isEqualTo(produced());
      assertThat(gold(p)).as("gold: the latest reading of every key").isEqualTo(latest);
      System.out.printf(
          "ClusterSubmitIT: cluster up in %d ms, produce %d ms, submit-all.sh (3 jobs) %d ms,"
              + " total %d ms%n",
          TimeUnit.NANOSECONDS.toMillis(clusterUp - start),
          TimeUnit.NANOSECONDS.toMillis(submitted - clusterUp),
          TimeUnit.NANOSECONDS.toMillis(done - submitted),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
  }

  /**
   * The three -all jars the reactor just built, linked into one directory as JAR_DIR expects them.
   * Skipped, not failed, when the build skipped shading: there is nothing to submit then.
   */
  private Path jobJars() throws IOException {
    Path dir = Files.createDirectories(work.resolve("jars"));
    String version = JobVersion.current();
    for (String module : List.of("ingest-job", "deserialize-job", "merge-job")) {
      Path target = Path.of("..", module, "target").toAbsolutePath().normalize();
      Path shaded = target.resolve("splitflow-" + module + "-" + version + "-all.jar");
      Path plain = target.resolve("splitflow-" + module + "-" + version + ".jar");
      Assumptions.assumeTrue(
          Files.isRegularFile(shaded)
              && (!Files.exists(plain)
                  || !Files.getLastModifiedTime(shaded)
                      .toInstant()
                      .isBefore(Files.getLastModifiedTime(plain).toInstant())),
          "ClusterSubmitIT needs the job jars of this build; "
              + shaded
              + " is missing or older than "
              + plain.getFileName()
              + " (built with -Dshade.skip=true?): run mvn verify without it");
      Files.createSymbolicLink(dir.resolve(shaded.getFileName()), shaded);
    }
    return dir;
  }

  /** Logs and the worker's directory stay in target/ for a look after a failure in CI. */
  private static Path fresh(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  private static List<String> sparkHomeJars() throws IOException {
    try (var jars = Files.list(SPARK_HOME.resolve("jars"))) {
      return jars.map(jar -> jar.getFileName().toString()).toList();
    }
  }

  /** Six readings per sensor in shuffled order: the latest is rarely the last one produced. */
  private static Map<String, Double> produceReadings(Pipeline p) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    Map<String, Double> latest = new HashMap<>();
    for (int s = 0; s < SENSORS; s++) {
      String sensor = String.format("s%02d", s);
      for (int r = 0; r < READINGS_PER_SENSOR; r++) {
        double value = s * 100 + r;
        records.add(p.record(key(sensor), json(sensor, value, "C", "10:0" + r + ":00.000")));
        latest.put(sensor, value); // the highest event_time is the last r
      }
    }
    Collections.shuffle(records, new Random(6));
    p.produce(records);
    return latest;
  }

  private static long produced() {
    return SENSORS * READINGS_PER_SENSOR;
  }

  /**
   * Runs deploy/spark-submit/submit-all.sh with bash, as an operator would, with a spark-submit on
   * PATH that runs what bin/spark-submit runs: SparkSubmit on SPARK_HOME's jars.
   */
  private int submitAll(ClusterStandalone cluster, Pipeline p, Path jarDir, Path output)
      throws IOException, InterruptedException {
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path sparkSubmit = bin.resolve("spark-submit");
    Files.writeString(
        sparkSubmit,
        "#!/usr/bin/env bash\nexec "
            + cluster.javaCommand("1g", "org.apache.spark.deploy.SparkSubmit").stream()
                .map(arg -> "'" + arg + "'")
                .collect(Collectors.joining(" "))
            + " \"$@\"\n");
    assertThat(sparkSubmit.toFile().setExecutable(true)).isTrue();

    // the pipeline's --config and --set (broker, lake, topic), then Spark settings for one core
    List<String> cli = p.cliArgs(JobName.INGEST);
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(cli.subList(5, cli.size()));
    command.addAll(
        List.of(
            "--set", "spark.spark.sql.shuffle.partitions=1",
            "--set", "spark.spark.databricks.delta.snapshotPartitions=1",
            "--set", "spark.spark.ui.enabled=false",
            "--set",
                "spark.spark.executor.extraJavaOptions="
                    + String.join(" ", ClusterStandalone.SHORT_LIVED_JVM)));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.putAll(cluster.environment());
    env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("SPARK_MASTER", cluster.masterUrl());
    env.put("CONFIG", cli.get(2));
    env.put("DATASET", p.dataset.name());
    env.put("JAR_DIR", jarDir.toString());
    env.put("SPLITFLOW_VERSION", JobVersion.current());
    Process process = builder.start();
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        throw new AssertionError(
            "submit-all.sh still running after 5 minutes:\n" + Files.readString(output));
      }
      return process.exitValue();
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static Map<String, Double> gold(Pipeline p) {
    return p.table(TableLayer.GOLD).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("sensor_id"), ClusterSubmitIT::value));
  }

  private static Double value(Row row) {
    return row.getAs("value");
  }

  private static String nameState(JsonNode app) {
    return app.path("name").asText() + " " + app.path("state").asText();
  }
}
