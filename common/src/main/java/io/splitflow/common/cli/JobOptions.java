package io.splitflow.common.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.Secrets;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.trigger.TriggerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every job takes, the same under spark-submit and bin/splitflow. */
public final class JobOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "The YAML configuration.")
  Path config;

  @Option(names = "--dataset", paramLabel = "NAME", description = "The dataset to run.")
  String dataset;

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

  /**
   * Loads and validates everything the job needs; throws ConfigException naming the key at fault.
   */
  public JobContext context(JobName job, Map<String, String> env) {
    // checked here rather than by picocli, so that subcommands (replay) need not repeat them
    if (config == null) {
      throw new ConfigException("Missing required option: '--config=FILE'");
    }
    if (dataset == null) {
      throw new ConfigException("Missing required option: '--dataset=NAME'");
    }
    SplitflowConfig loaded = ConfigLoader.load(config, overrides, env);
    DatasetConfig chosen = loaded.dataset(dataset);
    TriggerSpec spec =
        trigger != null
            ? TriggerSpec.parse(trigger, "--trigger")
            : chosen.trigger().orElse(new TriggerSpec.AvailableNow());
    return new JobContext(loaded, chosen, job, spec);
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
    if (dataset != null) {
      ConfigLoader.load(config, overrides, env).dataset(dataset);
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
    options.dataset = dataset;
    options.trigger = trigger;
    options.overrides = new ArrayList<>(overrides);
    return options;
  }
}
