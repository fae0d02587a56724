package io.splitflow.tools.maintain;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.tools.LakeOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What init and maintain share: the config, the datasets it names, and a session. */
abstract class LakeCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Only this dataset (default: every dataset of the config).")
  String dataset;

  @Spec CommandSpec spec;

  abstract String appName();

  /** Checks what the config alone can tell, before a session starts; throws to refuse. */
  void check(SplitflowConfig config, List<DatasetConfig> datasets) {}

  abstract int run(
      SparkSession spark, SplitflowConfig config, List<DatasetConfig> datasets, PrintWriter out);

  @Override
  public Integer call() {
    SplitflowConfig loaded = lake.load();
    List<DatasetConfig> chosen = LakeOptions.datasets(loaded, dataset);
    check(loaded, chosen);
    PrintWriter out = spec.commandLine().getOut();
    try {
      return LakeOptions.inSession(appName(), loaded, spark -> run(spark, loaded, chosen, out));
    } finally {
      out.flush();
    }
  }
}
