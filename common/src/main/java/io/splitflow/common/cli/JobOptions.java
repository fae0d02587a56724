package io.splitflow.common.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.splitflow.common.config.ConfigErrors;
import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.Secrets;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.RestartPolicy;
import io.splitflow.common.trigger.Durations;
import io.splitflow.common.trigger.TriggerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every job takes, the same under spark-submit and bin/splitflow. */
public final class JobOptions {
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  @Option(names = "--config", paramLabel = "FILE", description = "The YAML configuration.")
  Path config;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description =
          "The dataset to run; repeat it to run several in one application (one query each).")
  List<String> datasets = new ArrayList<>();

  @Option(
      names = "--all-datasets",
      description = "Run every dataset of the config in one application (one query each).")
  boolean allDatasets;

  @Option(
      names = "--trigger",
      paramLabel = "TRIGGER",
      description =
          "available-now (default), once, or interval=<duration> such as interval=30s, 5m, 1h;"
              + " overrides datasets.<name>.trigger.")
  String trigger;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one config key, e.g. --set kafka.bootstrap-servers=broker:9092.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Option(
      names = "--restart-on-failure",
      paramLabel = "N",
      description =
          "Start the query again on the same checkpoint up to N times after a failure a restart"
              + " can fix (broker outage, timeouts), with doubling backoff; default 0.")
  int restartOnFailure;

  @Option(
      names = "--restart-backoff",
      paramLabel = "DURATION",
      description = "The first wait before a restart, doubled each time up to 5m; default 10s.")
  String restartBackoff = "10s";

  /** The restart policy the options ask for; a bad value is a config error naming the option. */
  public RestartPolicy restartPolicy() {
    if (restartOnFailure < 0) {
      throw ConfigErrors.invalid(
          "--restart-on-failure", restartOnFailure, "must be 0 or more restarts");
    }
    Duration first = Durations.parse(restartBackoff, "--restart-backoff");
    Duration max = first.compareTo(MAX_BACKOFF) > 0 ? first : MAX_BACKOFF;
    return new RestartPolicy(restartOnFailure, first, max);
  }

  /**
   * Loads and validates everything a one-dataset command (replay) needs; throws ConfigException
   * naming the key at fault.
   */
  public JobContext context(JobName job, Map<String, String> env) {
    List<JobContext> contexts = contexts(job, env);
    if (contexts.size() != 1) {
      throw new ConfigException(
          "--dataset: this command runs one dataset; give --dataset NAME once");
    }
    return contexts.get(0);
  }

  /**
   * The contexts of the datasets {@code --dataset} (repeated) or {@code --all-datasets} name, in
   * that order (all: by name), each with its trigger; throws ConfigException naming the key or
   * option at fault.
   */
  public List<JobContext> contexts(JobName job, Map<String, String> env) {
    // checked here rather than by picocli, so that subcommands (replay) need not repeat them
    if (config == null) {
      throw new ConfigException("Missing required option: '--config=FILE'");
    }
    if (datasets.isEmpty() && !allDatasets) {
      throw new ConfigException("Missing required option: '--dataset=NAME' or '--all-datasets'");
    }
    if (!datasets.isEmpty() && allDatasets) {
      throw new ConfigException("--dataset and --all-datasets exclude each other; give one");
    }
    for (String name : datasets) {
      if (datasets.indexOf(name) != datasets.lastIndexOf(name)) {
        throw new ConfigException("--dataset: '" + name + "' is given twice");
      }
    }
    SplitflowConfig loaded = ConfigLoader.load(config, overrides, env);
    List<String> names =
        allDatasets ? loaded.datasets().keySet().stream().sorted().toList() : datasets;
    TriggerSpec given = trigger == null ? null : TriggerSpec.parse(trigger, "--trigger");
    List<JobContext> contexts = new ArrayList<>();
    for (String name : names) {
      DatasetConfig chosen = loaded.dataset(name);
      TriggerSpec spec =
          given != null ? given : chosen.trigger().orElse(new TriggerSpec.AvailableNow());
      contexts.add(new JobContext(loaded, chosen, job, spec));
    }
    return contexts;
  }

  /**
   * The config as the job would run it (the file after {@code --set} and {@code ${VAR}}, validated,
   * with {@code --dataset} and {@code --trigger} checked when given) as YAML, secrets hidden.
   */
  public String printedConfig(Map<String, String> env) {
    if (config == null) {
      throw new ConfigException("Missing required option: '--config=FILE'");
    }
    JsonNode resolved = ConfigLoader.resolve(config, overrides, env);
    if (!datasets.isEmpty()) {
      SplitflowConfig loaded = ConfigLoader.load(config, overrides, env);
      datasets.forEach(loaded::dataset);
    }
    if (trigger != null) {
      TriggerSpec.parse(trigger, "--trigger");
    }
    YAMLMapper yaml =
        YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    try {
      return yaml.writeValueAsString(Secrets.masked(resolved));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not print the config: " + e.getMessage(), e);
    }
  }

  public static JobOptions of(Path config, String dataset, String trigger, List<String> overrides) {
    JobOptions options = new JobOptions();
    options.config = config;
    options.datasets = dataset == null ? new ArrayList<>() : new ArrayList<>(List.of(dataset));
    options.trigger = trigger;
    options.overrides = new ArrayList<>(overrides);
    return options;
  }
}
