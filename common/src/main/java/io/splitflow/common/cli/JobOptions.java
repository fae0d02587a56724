package io.splitflow.common.cli;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
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

  public static JobOptions of(Path config, String dataset, String trigger, List<String> overrides) {
    JobOptions options = new JobOptions();
    options.config = config;
    options.dataset = dataset;
    options.trigger = trigger;
    options.overrides = new ArrayList<>(overrides);
    return options;
  }
}
