package io.splitflow.tools;

import io.splitflow.common.cli.ErrorReporting;
import io.splitflow.common.job.JobVersion;
import io.splitflow.deserialize.DeserializeJob;
import io.splitflow.ingest.IngestJob;
import io.splitflow.merge.MergeJob;
import io.splitflow.tools.audit.AuditCommand;
import io.splitflow.tools.bench.BenchCommand;
import io.splitflow.tools.demo.DemoCommand;
import io.splitflow.tools.generate.GenerateCommand;
import io.splitflow.tools.maintain.InitCommand;
import io.splitflow.tools.maintain.MaintainCommand;
import io.splitflow.tools.soak.SoakCommand;
import io.splitflow.tools.status.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * bin/splitflow: the three jobs on local[*] with the same classes and options as their spark-submit
 * entry points, plus the demo and the local helpers.
 */
@Command(
    name = "splitflow",
    mixinStandardHelpOptions = true,
    versionProvider = JobVersion.class,
    description = "Kafka -> raw -> bronze -> gold, as three Spark jobs.")
public final class SplitflowCli {

  public static void main(String[] args) {
    CommandLine cli =
        new CommandLine(new SplitflowCli())
            .addSubcommand("ingest", new IngestJob())
            .addSubcommand("deserialize", new DeserializeJob())
            .addSubcommand("merge", new MergeJob())
            .addSubcommand("demo", new DemoCommand())
            .addSubcommand("generate", new GenerateCommand())
            .addSubcommand("broker", new BrokerCommand())
            .addSubcommand("sql", new SqlCommand())
            .addSubcommand("audit", new AuditCommand())
            .addSubcommand("soak", new SoakCommand())
            .addSubcommand("status", new StatusCommand())
            .addSubcommand("init", new InitCommand())
            .addSubcommand("maintain", new MaintainCommand())
            .addSubcommand("bench", new BenchCommand());
    int code = ErrorReporting.configure(cli).execute(args);
    System.exit(code);
  }
}
