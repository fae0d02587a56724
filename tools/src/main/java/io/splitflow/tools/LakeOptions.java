package io.splitflow.tools;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.spark.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The options of the commands that look at a lake rather than run a job (audit, status, init,
 * maintain): the config and its overrides, and a session that is joined when one exists (a
 * notebook, a test) and otherwise started and stopped around the work.
 */
public final class LakeOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      required = true,
      description = "The YAML configuration.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one config key, e.g. --set lake.root=/data/lake.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--verbose", description = "Print the stack trace of a failure.")
  boolean verbose;

  /** The validated config; a bad one is a ConfigException naming the key (exit 2). */
  public SplitflowConfig load() {
    return ConfigLoader.load(config, overrides, System.getenv());
  }

  /** {@code name}'s dataset, or every dataset of the config by name when {@code name} is null. */
  public static List<DatasetConfig> datasets(SplitflowConfig config, String name) {
    return name != null
        ? List.of(config.dataset(name))
        : config.datasets().values().stream()
            .sorted(Comparator.comparing(DatasetConfig::name))
            .toList();
  }

  /** Runs {@code work} in a session for {@code config}, stopping it after only if it started it. */
  public static <T> T inSession(
      String appName, SplitflowConfig config, Function<SparkSession, T> work) {
    boolean joined = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.getOrCreate(appName, config);
    try {
      return work.apply(spark);
    } finally {
      if (!joined) {
        spark.stop();
      }
    }
  }
}
