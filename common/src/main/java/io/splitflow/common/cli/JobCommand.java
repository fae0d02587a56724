package io.splitflow.common.cli;

import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.job.DatasetQueries;
import io.splitflow.common.job.GracefulStop;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.job.RestartPolicy;
import io.splitflow.common.job.StreamingJob;
import io.splitflow.common.spark.SparkSessions;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The entry point shared by the three jobs: parse options, load the config (a bad one stops here,
 * exit 2, before any table is touched), build the session, run the query. Runtime failures exit 1.
 */
public abstract class JobCommand implements Callable<Integer> {
  @Mixin JobOptions options;

  // here rather than in JobOptions: replay shares those, and must not run when asked to print
  @Option(
      names = "--print-config",
      description =
          "Print the resolved config (after --set and $${VAR}, validated) with secrets hidden,"
              + " and exit; starts no Spark session and touches no table.")
  boolean printConfig;

  @Spec CommandSpec spec;

  protected abstract JobName job();

  /** A new instance per call: with several datasets, each query gets its own. */
  protected abstract StreamingJob streamingJob();

  @Override
  public Integer call() throws Exception {
    if (printConfig) {
      return printConfig();
    }
    List<JobContext> contexts = options.contexts(job(), System.getenv());
    RestartPolicy restarts = options.restartPolicy();
    if (!SparkSessions.onDatabricks()) {
      GracefulStop.install();
    }
    SplitflowConfig config = contexts.get(0).config();
    // a session that was there before (Databricks, a notebook, a test) belongs to its owner
    boolean joined = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.getOrCreate(appName(contexts), config, contexts.size());
    try {
      if (contexts.size() == 1) {
        JobRunner.run(spark, contexts.get(0), streamingJob(), restarts);
      } else {
        List<DatasetQueries.Failure> failed =
            DatasetQueries.run(
                spark, contexts, this::streamingJob, restarts, config.onDatasetFailure());
        if (!failed.isEmpty()) {
          throw new DatasetsFailed(failed, contexts.size());
        }
      }
    } finally {
      if (!joined && !SparkSessions.onDatabricks()) {
        spark.stop();
      }
    }
    return 0;
  }

  private String appName(List<JobContext> contexts) {
    return contexts.size() == 1
        ? contexts.get(0).queryName()
        : "splitflow-" + job().id() + " (" + contexts.size() + " datasets)";
  }

  private int printConfig() {
    spec.commandLine().getOut().print(options.printedConfig(System.getenv()));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * Runs the command and returns its exit code: 0 done, 1 runtime failure, 2 bad config or args.
   */
  public static int execute(JobCommand command, String... args) {
    return commandLine(command).execute(args);
  }

  public static CommandLine commandLine(JobCommand command) {
    return ErrorReporting.configure(new CommandLine(command));
  }

  /**
   * For main methods: exits only on failure, as Databricks jar tasks must not call System.exit(0).
   */
  public static void main(JobCommand command, String... args) {
    int code = execute(command, args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
