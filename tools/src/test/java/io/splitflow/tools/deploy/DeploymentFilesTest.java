package io.splitflow.tools.deploy;

import static io.splitflow.tools.deploy.DeployFiles.JOBS;
import static io.splitflow.tools.deploy.DeployFiles.ROOT;
import static io.splitflow.tools.deploy.DeployFiles.argument;
import static io.splitflow.tools.deploy.DeployFiles.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.tools.deploy.DeployFiles.JobModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Databricks bundle, the Airflow DAG and docker-compose.yml name classes, jars, configs and
 * datasets that live elsewhere in the repository; these checks fail when one of them is renamed and
 * the deployment files are not.
 */
class DeploymentFilesTest {
  private static final Path BUNDLE = ROOT.resolve("deploy/databricks/databricks.yml");
  private static final Path DAG = ROOT.resolve("deploy/airflow/splitflow_dag.py");
  private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
  private static final Path DOCKERFILE = ROOT.resolve("deploy/docker/Dockerfile");
  private static final Pattern BUNDLE_VARIABLE = Pattern.compile("\\$\\{var\\.([a-z_]+)}");

  private final List<JobModule> modules = DeployFiles.jobModules();

  @Test
  void jobModulesNameTheirMainClassesAndTheClassesExist() {
    assertThat(modules)
        .extracting(JobModule::main)
        .containsExactly(
            "io.splitflow.ingest.IngestJob",
            "io.splitflow.deserialize.DeserializeJob",
            "io.splitflow.merge.MergeJob");
    for (JobModule module : modules) {
      assertThatCode(() -> Class.forName(module.main())).doesNotThrowAnyException();
    }
  }

  @Test
  void bundleRunsIngestThenDeserializeThenMergeDrainingWithAvailableNow() {
    JsonNode bundle = DeployFiles.yaml(BUNDLE);
    JsonNode tasks = bundle.path("resources").path("jobs").path("splitflow").path("tasks");

    assertThat(taskKeys(tasks)).containsExactlyElementsOf(JOBS);
    assertThat(tasks.get(0).has("depends_on")).isFalse();
    assertThat(tasks.get(1).path("depends_on").findValuesAsText("task_key"))
        .containsExactly("ingest");
    assertThat(tasks.get(2).path("depends_on").findValuesAsText("task_key"))
        .containsExactly("deserialize");
    for (int i = 0; i < JOBS.size(); i++) {
      List<String> args = assertJarTask(tasks.get(i), modules.get(i));
      assertThat(argument(args, "--trigger")).as(JOBS.get(i)).isEqualTo("available-now");
    }
    assertThat(
            bundle
                .path("resources")
                .path("jobs")
                .path("splitflow")
                .path("max_concurrent_runs")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void continuousBundleJobRunsEachJobOnAnIntervalWithoutDependencies() {
    JsonNode job =
        DeployFiles.yaml(BUNDLE).path("resources").path("jobs").path("splitflow_continuous");
    JsonNode tasks = job.path("tasks");

    assertThat(job.has("continuous")).isTrue();
    assertThat(taskKeys(tasks)).containsExactlyElementsOf(JOBS);
    for (int i = 0; i < JOBS.size(); i++) {
      assertThat(tasks.get(i).has("depends_on")).as(JOBS.get(i)).isFalse();
      List<String> args = assertJarTask(tasks.get(i), modules.get(i));
      assertThat(argument(args, "--trigger")).as(JOBS.get(i)).startsWith("interval=");
    }
  }

  @Test
  void bundleUploadsTheJarsItsTasksUseAndDeclaresEveryVariableItReads() {
    JsonNode bundle = DeployFiles.yaml(BUNDLE);
    List<String> uploaded = new ArrayList<>();
    bundle
        .path("artifacts")
        .forEach(a -> uploaded.addAll(a.path("files").findValuesAsText("source")));
    assertThat(uploaded)
        .containsExactlyInAnyOrderElementsOf(
            modules.stream().map(m -> "../../" + m.builtJar()).toList());
    assertThat(bundle.path("artifacts").findValuesAsText("build"))
        .allSatisfy(build -> assertThat(build).contains("-Pdatabricks"));

    Set<String> used = new LinkedHashSet<>();
    Matcher matcher = BUNDLE_VARIABLE.matcher(DeployFiles.read(BUNDLE));
    while (matcher.find()) {
      used.add(matcher.group(1));
    }
    JsonNode declared = bundle.path("variables");
    assertThat(used).allSatisfy(name -> assertThat(declared.has(name)).as(name).isTrue());
    declared
        .fields()
        .forEachRemaining(
            v -> {
              assertThat(v.getValue().has("default")).as(v.getKey()).isTrue();
              assertThat(v.getValue().path("description").asText()).as(v.getKey()).isNotBlank();
            });
    bundle
        .path("targets")
        .forEach(
            target ->
                target
                    .path("variables")
                    .fieldNames()
                    .forEachRemaining(name -> assertThat(declared.has(name)).as(name).isTrue()));
  }

  @Test
  void databricksConfigLoadsWithTheEnvironmentTheBundleGivesTheCluster() {
    JsonNode bundle = DeployFiles.yaml(BUNDLE);
    Map<String, String> defaults = new HashMap<>();
    bundle
        .path("variables")
        .fields()
        .forEachRemaining(v -> defaults.put(v.getKey(), v.getValue().path("default").asText()));
    for (String jobName : List.of("splitflow", "splitflow_continuous")) {
      JsonNode job = bundle.path("resources").path("jobs").path(jobName);
      Map<String, String> env = new HashMap<>();
      job.path("job_clusters")
          .get(0)
          .path("new_cluster")
          .path("spark_env_vars")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), substitute(e.getValue().asText(), defaults)));
      for (JsonNode task : job.path("tasks")) {
        List<String> args = strings(task.path("spark_jar_task").path("parameters"));
        String config =
            argument(args, "--config")
                .replace("${workspace.file_path}", BUNDLE.getParent().toString());
        SplitflowConfig loaded = ConfigLoader.load(Path.of(config), List.of(), env);
        String dataset = substitute(argument(args, "--dataset"), defaults);

        assertThat(loaded.dataset(dataset).table(TableLayer.GOLD).name())
            .isEqualTo(defaults.get("catalog") + ".gold." + dataset);
        assertThat(loaded.lake().checkpointRoot()).startsWith(defaults.get("volume"));
        assertThat(loaded.kafka().options().get("sasl.jaas.config"))
            .isEqualTo("{{secrets/" + defaults.get("kafka_secret_scope") + "/kafka-jaas-config}}");
      }
    }
  }

  @Test
  void airflowDagChainsTheThreeJobsWithAvailableNowAndOneRunAtATime() {
    String dag = DeployFiles.read(DAG);
    Matcher jobs = Pattern.compile("\\(\"([a-z]+)\", \"([\\w.]+)\"\\)").matcher(dag);
    List<String> ids = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    while (jobs.find()) {
      ids.add(jobs.group(1));
      classes.add(jobs.group(2));
    }
    assertThat(ids).containsExactlyElementsOf(JOBS);
    assertThat(classes).containsExactlyElementsOf(modules.stream().map(JobModule::main).toList());
    assertThat(dag)
        .contains("ingest >> deserialize >> merge")
        .contains("\"--trigger\", \"available-now\"")
        .contains("max_active_runs=1")
        .contains("\"retries\":")
        .containsPattern(
            "from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator")
        .doesNotContain("Sensor");

    // application = JAR_DIR + "/splitflow-" + job + "-job-" + VERSION + "-all.jar"
    Matcher version = Pattern.compile("splitflow_version', '([^']+)'").matcher(dag);
    assertThat(version.find()).isTrue();
    assertThat(dag).contains("\"/splitflow-\" + job + \"-job-\" + VERSION + \"-all.jar\"");
    for (JobModule module : modules) {
      assertThat("splitflow-" + module.job() + "-job-" + version.group(1) + "-all.jar")
          .isEqualTo(module.allJar());
    }
  }

  @Test
  void composeRunsTheJobsFromTheImageJarsOnTheMountedConfig() {
    JsonNode services = DeployFiles.yaml(COMPOSE).path("services");
    String dockerfile = DeployFiles.read(DOCKERFILE);

    assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
    assertThat(services.path("kafka").has("healthcheck")).isTrue();
    assertThat(dockerfile)
        .contains("ARG SPARK_IMAGE=apache/spark:")
        .contains("FROM ${SPARK_IMAGE}");
    for (JobModule module : modules) {
      JsonNode service = services.path(module.job());
      List<String> args = commandArgs(service.path("command"));
      String jar = "/opt/splitflow/jars/" + module.allJar();

      assertThat(args).as(module.job()).contains("/opt/spark/bin/spark-submit", jar);
      assertThat(argument(args, "--class")).as(module.job()).isEqualTo(module.main());
      assertThat(argument(args, "--trigger")).as(module.job()).startsWith("interval=");
      assertThat(dockerfile).contains("/src/" + module.builtJar());

      String config = argument(args, "--config");
      String mount =
          strings(service.path("volumes")).stream()
              .filter(v -> v.contains(":" + config + ":"))
              .findFirst()
              .orElseThrow();
      assertThat(mount).endsWith(":ro");
      Map<String, String> env = new HashMap<>();
      service
          .path("environment")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      SplitflowConfig loaded =
          ConfigLoader.load(ROOT.resolve(mount.substring(0, mount.indexOf(':'))), List.of(), env);
      String dataset = argument(args, "--dataset");

      assertThat(loaded.dataset(dataset).table(TableLayer.RAW).path())
          .isEqualTo("/lake/raw/" + dataset);
      assertThat(loaded.kafka().bootstrapServers()).isEqualTo("kafka:19092");
      assertThat(strings(service.path("volumes"))).contains("lake:/lake");
    }
    // deserialize and merge wait for the table their input is, as the config names it
    assertThat(services.path("deserialize").path("command").toString())
        .contains("/lake/raw/sensor_readings/_delta_log");
    assertThat(services.path("merge").path("command").toString())
        .contains("/lake/bronze/sensor_readings/_delta_log");
  }

  /**
   * The arguments of a compose command, also when it is {@code bash -c "... exec spark-submit
   * ..."}.
   */
  private static List<String> commandArgs(JsonNode command) {
    List<String> args = strings(command);
    if (args.size() == 3 && args.get(0).equals("bash") && args.get(1).equals("-c")) {
      String script = args.get(2);
      String exec = script.substring(script.indexOf("exec ") + "exec ".length());
      return List.of(exec.replace("'", "").split("\\s+"));
    }
    return args;
  }

  /** Checks one spark_jar_task against its module and returns its parameters. */
  private static List<String> assertJarTask(JsonNode task, JobModule module) {
    String job = task.path("task_key").asText();
    assertThat(task.path("spark_jar_task").path("main_class_name").asText())
        .as(job)
        .isEqualTo(module.main());
    assertThat(task.path("libraries").findValuesAsText("jar"))
        .as(job)
        .containsExactly("../../" + module.builtJar());
    List<String> args = strings(task.path("spark_jar_task").path("parameters"));
    assertThat(argument(args, "--config"))
        .as(job)
        .isEqualTo("${workspace.file_path}/splitflow.yaml");
    assertThat(argument(args, "--dataset")).as(job).isNotBlank();
    return args;
  }

  private static List<String> taskKeys(JsonNode tasks) {
    List<String> keys = new ArrayList<>();
    tasks.forEach(task -> keys.add(task.path("task_key").asText()));
    return keys;
  }

  private static String substitute(String text, Map<String, String> defaults) {
    Matcher matcher = BUNDLE_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(defaults.get(matcher.group(1))));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
