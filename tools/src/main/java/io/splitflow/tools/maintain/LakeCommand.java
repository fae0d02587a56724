package io.splitflow.tools.maintain;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.spark.SparkSessions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What init and maintain share: the config, the datasets it names, and a session. */
abstract class LakeCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      required = true,
      description = "The YAML configuration.")
  Path config;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Only this dataset (default: every dataset of the config).")
  String dataset;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one config key, e.g. --set lake.root=/data/lake.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--verbose", description = "Print the stack trace of a failure.")
  boolean verbose;

  @Spec CommandSpec spec;

  abstract String appName();

  abstract int run(
      SparkSession spark, SplitflowConfig config, List<DatasetConfig> datasets, PrintWriter out);

  @Override
  public Integer call() {
    SplitflowConfig loaded = ConfigLoader.load(config, overrides, System.getenv());
    List<DatasetConfig> chosen =
        dataset != null
            ? List.of(loaded.dataset(dataset))
            : loaded.datasets().keySet().stream().sorted().map(loaded::dataset).toList();
    // a session that was there before (a notebook, a test) is joined and left running
    boolean joined = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.getOrCreate(appName(), loaded);
    PrintWriter out = spec.commandLine().getOut();
    try {
      return run(spark, loaded, chosen, out);
    } finally {
      out.flush();
      if (!joined) {
        spark.stop();
      }
    }
  }
}
