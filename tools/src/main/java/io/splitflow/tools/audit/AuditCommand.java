package io.splitflow.tools.audit;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.tools.LakeOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** bin/splitflow audit: proves the books of one dataset balance, or shows where they do not. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Check one dataset end to end: every raw record deserialize processed is in bronze, in the"
          + " dead-letter table or dropped by a rule (as the event log counts), none twice, and"
          + " gold holds every bronze key merge processed at its newest version, value for value"
          + " (worked out by the audit itself, not by merge-job's code).",
      "Exit codes: 0 balanced, 3 not balanced (gaps, duplicates, orphans, drops, gold problems), 2 bad"
          + " configuration or arguments, 1 the audit could not run."
    })
public final class AuditCommand implements Callable<Integer> {
  /** The books do not balance. */
  public static final int NOT_BALANCED = 3;

  @Mixin LakeOptions lake;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      required = true,
      description = "The dataset to audit.")
  String dataset;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Option(
      names = "--limit",
      defaultValue = "100",
      paramLabel = "N",
      description = "Offsets or keys listed per problem at most (default ${DEFAULT-VALUE}).")
  int limit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (limit < 1) {
      throw new ConfigException("--limit: " + limit + " is not a positive number");
    }
    SplitflowConfig loaded = lake.load();
    var chosen = loaded.dataset(dataset);
    return LakeOptions.inSession(
        "splitflow-audit",
        loaded,
        spark -> {
          AuditResult result = Audit.run(spark, loaded, chosen, limit);
          out.print(json ? AuditReport.json(result) + "\n" : AuditReport.text(result));
          out.flush();
          return result.balanced() ? 0 : NOT_BALANCED;
        });
  }
}
