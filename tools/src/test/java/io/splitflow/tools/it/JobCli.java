package io.splitflow.tools.it;

import io.splitflow.common.cli.JobCommand;
import io.splitflow.common.job.JobName;
import io.splitflow.deserialize.DeserializeJob;
import io.splitflow.ingest.IngestJob;
import io.splitflow.merge.MergeJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** A job's command entry, {@link JobCommand#execute}, run in this JVM with its stderr captured. */
final class JobCli {
  private JobCli() {}

  record Run(int code, String stderr) {}

  static Run run(JobName job, List<String> args) {
    JobCommand command =
        switch (job) {
          case INGEST -> new IngestJob();
          case DESERIALIZE -> new DeserializeJob();
          case MERGE -> new MergeJob();
        };
    StringWriter err = new StringWriter();
    CommandLine cli = JobCommand.commandLine(command);
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args.toArray(String[]::new));
    return new Run(code, err.toString());
  }
}
