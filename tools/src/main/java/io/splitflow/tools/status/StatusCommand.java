package io.splitflow.tools.status;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.tools.LakeOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bin/splitflow status: where each dataset's jobs are, how far behind, and how fresh gold is. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "For each dataset and job: the last batch (time, rows), the lag behind its input (Kafka"
          + " records for ingest; versions and rows of raw and bronze for deserialize and merge),"
          + " dead letters of the last 24 hours, and gold's freshness: the age of its newest record"
          + " by Kafka timestamp, LATE when older than the dataset's freshness-slo.",
      "Exit codes: 0 fine, 4 some dataset is LATE, 2 bad configuration or arguments, 1 status"
          + " could not be read."
    })
public final class StatusCommand implements Callable<Integer> {
  /** Some dataset's gold is older than its freshness-slo. */
  public static final int LATE = 4;

  @Mixin LakeOptions lake;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Only this dataset (default: all of the config's datasets).")
  String dataset;

  @Option(names = "--json", description = "Print the status as one JSON object.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SplitflowConfig loaded = lake.load();
    List<DatasetConfig> chosen = LakeOptions.datasets(loaded, dataset);
    return LakeOptions.inSession(
        "splitflow-status",
        loaded,
        spark -> {
          Instant now = Instant.now();
          Status status = new Status(spark, loaded, now);
          List<DatasetStatus> result = chosen.stream().map(status::of).toList();
          out.print(json ? StatusReport.json(result, now) + "\n" : StatusReport.text(result, now));
          out.flush();
          return result.stream().anyMatch(d -> d.freshness().late()) ? LATE : 0;
        });
  }
}
