package io.splitflow.tools.maintain;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** bin/splitflow maintain: trim raw, compact and vacuum every table, as configured. */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Trim raw days older than maintenance.raw-retention that deserialize has fully read,"
          + " compact (OPTIMIZE) and vacuum every table of each dataset and the event log.",
      "Exit codes: 0 done, 2 bad configuration or arguments, 1 a runtime failure."
    })
public final class MaintainCommand extends LakeCommand {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.progress");

  @Option(names = "--dry-run", description = "Say what would be done; change nothing.")
  boolean dryRun;

  @Option(
      names = "--unsafe-retention",
      description =
          "Run a vacuum-retention below 24 hours or a raw-retention below 2 days, which maintain"
              + " otherwise refuses (exit 2): only when no job or reader needs older files.")
  boolean unsafeRetention;

  @Override
  String appName() {
    return "splitflow-maintain";
  }

  @Override
  void check(SplitflowConfig config, List<DatasetConfig> datasets) {
    Retentions.check(config, datasets, unsafeRetention);
  }

  @Override
  int run(
      SparkSession spark, SplitflowConfig config, List<DatasetConfig> datasets, PrintWriter out) {
    out.println(dryRun ? "splitflow maintain (dry run: nothing is changed)" : "splitflow maintain");
    Maintain.run(
        spark,
        config,
        datasets,
        dryRun,
        action -> {
          out.println(action.text());
          out.flush();
          LOG.info(action.json(dryRun));
        });
    return 0;
  }
}
