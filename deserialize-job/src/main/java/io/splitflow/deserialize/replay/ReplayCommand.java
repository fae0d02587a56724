package io.splitflow.deserialize.replay;

import io.splitflow.common.cli.JobOptions;
import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.spark.SparkSessions;
import io.splitflow.common.table.TableRef;
import io.splitflow.deserialize.batch.BatchProcessors;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deserialize-job replay}: dead letters that the current code and config now decode go to
 * bronze.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Re-decode waiting dead letters with the current code and config; those that pass go to"
            + " bronze (once, with their Kafka coordinates) and are marked replayed_at.")
public final class ReplayCommand implements Callable<Integer> {
  @Mixin JobOptions options;

  @Option(
      names = "--where",
      paramLabel = "SQL",
      description =
          "Only dead letters matching this condition, e.g. \"error_class = 'WRONG_TYPE'\".")
  String where;

  @Option(
      names = "--force",
      description =
          "Replay even while deserialize (or another replay) holds the dataset's checkpoint lock;"
              + " without it replay is refused then, naming that instance's host and pid.")
  boolean force;

  @Override
  public Integer call() {
    JobContext context = options.context(JobName.DESERIALIZE, System.getenv());
    // a session that was there before (Databricks, a notebook, a test) belongs to its owner
    boolean joined = SparkSession.getDefaultSession().isDefined();
    SparkSession spark =
        SparkSessions.getOrCreate("splitflow-replay-" + context.dataset().name(), context.config());
    try {
      TableRef deadLetters = context.table(TableLayer.DEAD_LETTER);
      if (!deadLetters.exists(spark)) {
        throw new IllegalStateException(
            "dead-letter table " + deadLetters + " does not exist yet; nothing to replay");
      }
      checkWhere(spark, deadLetters);
      DeadLetterReplay.Result result =
          force
              ? DeadLetterReplay.runUnlocked(
                  spark,
                  context,
                  BatchProcessors.forReplay(spark, context.dataset()),
                  Optional.ofNullable(where))
              : DeadLetterReplay.run(
                  spark,
                  context,
                  BatchProcessors.forReplay(spark, context.dataset()),
                  Optional.ofNullable(where));
      System.out.printf(
          "replayed %d dead letters of %s: %d resolved (to bronze or dropped by a rule), %d still failing%n",
          result.candidates(), context.dataset().name(), result.toBronze(), result.stillFailing());
      return 0;
    } finally {
      if (!joined && !SparkSessions.onDatabricks()) {
        spark.stop();
      }
    }
  }

  /** A bad --where is an argument error, found before anything is read or written. */
  private void checkWhere(SparkSession spark, TableRef deadLetters) {
    if (where == null) {
      return;
    }
    try {
      deadLetters.read(spark).where(where).schema();
    } catch (Exception e) { // AnalysisException is checked in Scala only: javac cannot name it here
      if (!(e instanceof AnalysisException)) {
        throw e;
      }
      throw new ConfigException(
          "--where: '"
              + where
              + "' is not a condition on the dead-letter table: "
              + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
