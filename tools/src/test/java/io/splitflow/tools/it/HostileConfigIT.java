package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a configuration can be wrong, through each job's real command entry: exit code 2, one
 * line on stderr naming the key (or rule, file, variable) at fault, and not one table or checkpoint
 * directory under the lake root. The shipped conf/local.yaml with one fault each.
 */
@Timeout(900)
class HostileConfigIT {
  private static final Set<JobName> ALL = EnumSet.allOf(JobName.class);
  private static final Set<JobName> DESERIALIZE = EnumSet.of(JobName.DESERIALIZE);
  private static final Set<JobName> MERGE = EnumSet.of(JobName.MERGE);
  private static final String JSON = Pipeline.DATASET;
  private static final String AVRO = Pipeline.AVRO_DATASET;
  private static final String FIELDS_END =
      "      - { name: event_time,   type: timestamp, required: true }\n";
  private static final String JSON_KEYS = "      keys: [sensor_id, reading_date]\n";

  private static String topic;

  @TempDir Path dir;

  /**
   * One fault. {@code input}: the fault is found only once the job has seen its input table, so the
   * test creates that table first (raw for deserialize, bronze for merge).
   */
  record Fault(
      String name,
      Set<JobName> jobs,
      String dataset,
      UnaryOperator<String> edit,
      List<String> args,
      boolean input,
      List<String> named) {

    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void topic() {
    topic = "hostile_config_" + UUID.randomUUID().toString().substring(0, 8);
    Pipeline.broker().createTopic(topic, 1);
  }

  static Stream<Arguments> faults() {
    List<Arguments> cases = new ArrayList<>();
    for (Fault fault : FAULTS) {
      for (JobName job : fault.jobs()) {
        cases.add(Arguments.of(fault, job));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("faults")
  void badConfigurationExitsTwoWithOneLineNamingTheFaultAndCreatesNoTableOrCheckpoint(
      Fault fault, JobName job) throws Exception {
    Path lake = dir.resolve("lake");
    Path config = writeConfig(fault.edit().apply(baseConfig(lake)));
    Set<Path> before = input(fault, job, lake);

    // an option given twice is an error of its own: a fault's --config or --dataset replaces ours
    List<String> args = new ArrayList<>();
    if (!fault.args().contains("--config")) {
      args.addAll(List.of("--config", config.toString()));
    }
    if (!fault.args().contains("--dataset")) {
      args.addAll(List.of("--dataset", fault.dataset()));
    }
    args.addAll(fault.args());
    JobCli.Run run = JobCli.run(job, args);

    assertThat(run.code()).as("exit code; stderr: %s", run.stderr()).isEqualTo(2);
    assertThat(run.stderr().lines().toList())
        .as("stderr")
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line).startsWith(job.id() + "-job: ");
              for (String named : fault.named()) {
                assertThat(line).contains(named);
              }
            });
    assertThat(directories(lake)).as("directories under the lake root").isEqualTo(before);
  }

  /** The control: the same base config without a fault runs, so the checks above can fail. */
  @Test
  void theBaseConfigurationRunsAndCreatesItsTableAndCheckpoint() throws Exception {
    Path lake = dir.resolve("lake");
    Path config = writeConfig(baseConfig(lake));

    JobCli.Run run =
        JobCli.run(JobName.INGEST, List.of("--config", config.toString(), "--dataset", JSON));

    assertThat(run.code()).as("stderr: %s", run.stderr()).isZero();
    assertThat(lake.resolve("raw").resolve(JSON)).isDirectory();
    assertThat(lake.resolve("_checkpoints").resolve(JSON).resolve("ingest")).isDirectory();
  }

  private static final List<Fault> FAULTS =
      List.of(
          fault("unknown top-level key", ALL, y -> "kafak:\n  x: 1\n" + y, "kafak: unknown key"),
          fault(
              "unknown key in a dataset",
              ALL,
              y -> after(y, "  sensor_readings:\n", "    toppic: typo\n"),
              "datasets.sensor_readings.toppic: unknown key"),
          fault(
              "unknown key in a field",
              ALL,
              y ->
                  replace(
                      y,
                      "{ name: value,        type: double }",
                      "{ name: value, type: double, requird: true }"),
              "datasets.sensor_readings.fields[2].requird: unknown key"),
          fault(
              "unknown key in merge",
              ALL,
              y -> after(y, JSON_KEYS, "      sequence_by: [event_time]\n"),
              "datasets.sensor_readings.merge.sequence_by: unknown key"),
          fault(
              "missing dataset topic",
              ALL,
              y -> replace(y, "    topic: " + topic + "\n", ""),
              "datasets.sensor_readings.topic: is required"),
          fault(
              "missing merge keys",
              ALL,
              y -> replace(y, JSON_KEYS, ""),
              "datasets.sensor_readings.merge.keys: is required"),
          fault(
              "missing lake root",
              ALL,
              y -> y.replaceAll("(?m)^  root: .*$", "  checkpoint-root: /tmp/splitflow-hostile"),
              "lake.root: is required"),
          fault(
              "bad trigger interval",
              ALL,
              y -> after(y, "  sensor_readings:\n", "    trigger: interval=5 parsecs\n"),
              "datasets.sensor_readings.trigger",
              "interval=5 parsecs"),
          new Fault(
              "bad --trigger",
              ALL,
              JSON,
              y -> y,
              List.of("--trigger", "interval=-1s"),
              false,
              List.of("--trigger", "interval=-1s")),
          fault(
              "bad table name",
              ALL,
              y ->
                  after(
                      y,
                      "  sensor_readings:\n",
                      "    tables: { gold: { table: \"gold table; DROP\" } }\n"),
              "datasets.sensor_readings.tables.gold.table: 'gold table; DROP' is not a table name"),
          fault(
              "a path and a table name for one table",
              ALL,
              y ->
                  after(
                      y,
                      "  sensor_readings:\n",
                      "    tables: { bronze: { path: /tmp/elsewhere, table: lake.bronze } }\n"),
              "datasets.sensor_readings.tables.bronze: 'path and table' needs exactly one"),
          rule(
              "rule that does not parse",
              "{ name: broken, expr: \"value >\" }",
              "datasets.sensor_readings.rules.broken"),
          rule(
              "rule naming an unknown column",
              "{ name: typo, expr: \"valu > 0\" }",
              "datasets.sensor_readings.rules.typo",
              "valu"),
          rule(
              "rule that is not boolean",
              "{ name: sum, expr: \"value + 1\" }",
              "datasets.sensor_readings.rules.sum"),
          rule(
              "rule naming a Java class that is not there",
              "{ name: custom, class: com.example.NoSuchRule }",
              "datasets.sensor_readings.rules.custom",
              "com.example.NoSuchRule"),
          fault(
              "rule with an unknown action",
              ALL,
              y ->
                  after(
                      y,
                      FIELDS_END,
                      "    rules:\n      - { name: r, expr: \"value > 0\", action: explode }\n"),
              "datasets.sensor_readings.rules[0].action: 'explode'"),
          new Fault(
              "missing schema file",
              ALL,
              AVRO,
              y -> replace(y, "schemas/sensor_reading.avsc", "schemas/missing.avsc"),
              List.of(),
              false,
              List.of("datasets.sensor_readings_avro.schema.avro-file", "missing.avsc")),
          new Fault(
              "unreadable schema file (a directory)",
              ALL,
              AVRO,
              y -> replace(y, "schemas/sensor_reading.avsc", "schemas/registry"),
              List.of(),
              false,
              List.of("datasets.sensor_readings_avro.schema.avro-file", "cannot be read")),
          new Fault(
              "schema file that is not Avro",
              ALL,
              AVRO,
              y -> replace(y, "schemas/sensor_reading.avsc", "schemas/registry/../../local.yaml"),
              List.of(),
              false,
              List.of("datasets.sensor_readings_avro.schema.avro-file")),
          new Fault(
              "missing registry directory",
              ALL,
              AVRO,
              y -> replace(y, "schemas-dir: schemas/registry", "schemas-dir: schemas/nowhere"),
              List.of(),
              false,
              List.of("datasets.sensor_readings_avro.registry.schemas-dir: 'schemas/nowhere'")),
          fault(
              "missing environment variable without default",
              ALL,
              y ->
                  y.replaceAll(
                      "(?m)^  bootstrap-servers: .*$",
                      "  bootstrap-servers: \\${SPLITFLOW_HOSTILE_UNSET_VARIABLE}"),
              "kafka.bootstrap-servers: environment variable SPLITFLOW_HOSTILE_UNSET_VARIABLE is not"
                  + " set"),
          fault(
              "bad format",
              ALL,
              y -> replace(y, "    format: json\n", "    format: jsn\n"),
              "datasets.sensor_readings.format: 'jsn'"),
          fault(
              "bad merge mode",
              ALL,
              y -> replace(y, "      mode: scd1\n", "      mode: scd3\n"),
              "datasets.sensor_readings.merge.mode: 'scd3'"),
          fault(
              "bad field type",
              ALL,
              y -> replace(y, "type: double }", "type: dubble }"),
              "datasets.sensor_readings.fields[2].type: 'dubble'"),
          fault(
              "merge key that is not a field",
              ALL,
              y -> replace(y, JSON_KEYS, "      keys: [sensor, reading_date]\n"),
              "datasets.sensor_readings.merge.keys: 'sensor' is not a declared field"),
          fault(
              "merge key that is not required",
              ALL,
              y -> replace(y, JSON_KEYS, "      keys: [unit]\n"),
              "datasets.sensor_readings.merge.keys: 'unit' is a merge key"),
          new Fault(
              "merge delete-when that does not parse",
              MERGE,
              JSON,
              y -> after(y, JSON_KEYS, "      delete-when: \"value >\"\n"),
              List.of(),
              true,
              List.of("datasets.sensor_readings.merge.delete-when: 'value >'")),
          new Fault(
              "merge delete-when naming an unknown column",
              MERGE,
              JSON,
              y -> after(y, JSON_KEYS, "      delete-when: \"op = 'd'\"\n"),
              List.of(),
              true,
              List.of("datasets.sensor_readings.merge.delete-when: 'op = 'd''")),
          fault(
              "starting offsets that are not JSON",
              ALL,
              y -> replace(y, "starting-offsets: earliest", "starting-offsets: \"{not json\""),
              "kafka.starting-offsets: '{not json'"),
          fault(
              "max offsets per trigger not a number",
              ALL,
              y -> replace(y, "max-offsets-per-trigger: 200000", "max-offsets-per-trigger: lots"),
              "kafka.max-offsets-per-trigger: 'lots'"),
          fault(
              "Kafka option that Spark owns",
              ALL,
              y -> replace(y, "options: {}", "options: { enable.auto.commit: \"true\" }"),
              "kafka.options.enable.auto.commit"),
          fault(
              "dead-letter ratio that is not a share",
              ALL,
              y -> after(y, "  sensor_readings:\n", "    max-dead-letter-ratio: 5\n"),
              "datasets.sensor_readings.max-dead-letter-ratio: '5'"),
          fault(
              "tombstone key format unknown",
              ALL,
              y -> replace(y, "key-format: delimited", "key-format: csv"),
              "datasets.sensor_readings.tombstones.key-format: 'csv'"),
          fault(
              "partition-by a column that is not a key",
              ALL,
              y -> after(y, JSON_KEYS, "      partition-by: [unit]\n"),
              "datasets.sensor_readings.merge.partition-by"),
          fault(
              "config that is not YAML",
              ALL,
              y -> "kafka: [unclosed\n" + y,
              "config is not valid YAML"),
          args(
              "--set without an equals sign",
              List.of("--set", "kafka"),
              "--set: 'kafka' is not key=value"),
          args(
              "--set of an unknown key",
              List.of("--set", "datasets.sensor_readings.toppic=x"),
              "datasets.sensor_readings.toppic: unknown key"),
          args(
              "--set of a bad value",
              List.of("--set", "kafka.max-offsets-per-trigger=-5"),
              "kafka.max-offsets-per-trigger: '-5'"),
          args(
              "--set below a value",
              List.of("--set", "lake.root.sub=x"),
              "--set lake.root.sub: lake.root is a value"),
          args(
              "--set of a bad table name",
              List.of("--set", "datasets.sensor_readings.tables.raw.table=raw-table"),
              "datasets.sensor_readings.tables.raw.table: 'raw-table' is not a table name"),
          args(
              "--set without a value",
              List.of("--set"),
              "Missing required parameter for option '--set'"),
          args("misspelt option", List.of("--confg=x.yaml"), "Unknown option: '--confg=x.yaml'"),
          args(
              "unknown dataset",
              List.of("--dataset", "sensor_readingz"),
              "--dataset: 'sensor_readingz' is not a dataset"),
          args(
              "missing config file",
              List.of("--config", "/nonexistent/splitflow.yaml"),
              "config file /nonexistent/splitflow.yaml: no such file"));

  private static Fault fault(
      String name, Set<JobName> jobs, UnaryOperator<String> edit, String... named) {
    return new Fault(name, jobs, JSON, edit, List.of(), false, List.of(named));
  }

  private static Fault rule(String name, String rule, String... named) {
    return new Fault(
        name,
        DESERIALIZE,
        JSON,
        y -> after(y, FIELDS_END, "    rules:\n      - " + rule + "\n"),
        List.of(),
        true,
        List.of(named));
  }

  /** A fault in the arguments; later options win over the test's own. */
  private static Fault args(String name, List<String> args, String... named) {
    return new Fault(name, ALL, JSON, y -> y, args, false, List.of(named));
  }

  private static String after(String yaml, String anchor, String insert) {
    return replace(yaml, anchor, anchor + insert);
  }

  /** Replaces the first occurrence, which must be there: a no-op edit would test nothing. */
  private static String replace(String yaml, String old, String replacement) {
    int at = yaml.indexOf(old);
    if (at < 0) {
      throw new IllegalStateException("the base config has no '" + old + "'");
    }
    return yaml.substring(0, at) + replacement + yaml.substring(at + old.length());
  }

  /**
   * conf/local.yaml on the embedded broker and a lake in the test's directory; the Spark settings
   * are the shared test session's, which a job joins.
   */
  private static String baseConfig(Path lake) throws IOException {
    String yaml = Files.readString(Path.of("..", "conf", "local.yaml"));
    yaml =
        replace(
            yaml,
            "${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            Pipeline.broker().bootstrapServers());
    yaml = replace(yaml, "${SPLITFLOW_LAKE:-./lake}", lake.toString());
    yaml =
        replace(yaml, "spark.sql.shuffle.partitions: \"4\"", "spark.sql.shuffle.partitions: \"2\"");
    yaml =
        replace(
            yaml,
            "spark.databricks.delta.snapshotPartitions: \"2\"",
            "spark.databricks.delta.snapshotPartitions: \"1\"");
    return replace(yaml, "    topic: sensor_readings\n", "    topic: " + topic + "\n");
  }

  /** The config and its schema files, outside the lake root. */
  private Path writeConfig(String yaml) throws IOException {
    return writeConfig(yaml, "hostile.yaml");
  }

  private Path writeConfig(String yaml, String name) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path schemas = Path.of("..", "conf", "schemas");
    try (Stream<Path> files = Files.walk(schemas)) {
      for (Path file : files.toList()) {
        Path copy = conf.resolve("schemas").resolve(schemas.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.copy(
        Path.of("..", "conf", "local.yaml"),
        conf.resolve("local.yaml"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return Files.writeString(conf.resolve(name), yaml);
  }

  /** Creates the job's input table when the fault needs it; returns the directories there are. */
  private Set<Path> input(Fault fault, JobName job, Path lake) throws IOException {
    if (fault.input()) {
      DatasetConfig dataset =
          ConfigLoader.load(writeConfig(baseConfig(lake), "base.yaml"), List.of(), Map.of())
              .dataset(fault.dataset());
      TableLayer layer = job == JobName.MERGE ? TableLayer.BRONZE : TableLayer.RAW;
      TableInitializer.ensure(
          SparkTestSession.get(),
          dataset.table(layer),
          layer == TableLayer.RAW ? TableSchemas.raw() : TableSchemas.bronze(dataset.fields()),
          null,
          Map.of());
    }
    return directories(lake);
  }

  private static Set<Path> directories(Path lake) throws IOException {
    if (!Files.exists(lake)) {
      return Set.of();
    }
    try (Stream<Path> paths = Files.walk(lake)) {
      return Set.copyOf(paths.filter(Files::isDirectory).map(lake::relativize).toList());
    }
  }
}
