package io.splitflow.tools;

import io.splitflow.common.spark.SparkSessions;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Query the lake without installing Spark: a local session with Delta, one statement, a table out.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run one Spark SQL statement on a local session with Delta, e.g."
            + " \"SELECT * FROM delta.`demo-lake/gold/sensor_readings` LIMIT 10\".")
final class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "STATEMENT")
  String statement;

  @Option(
      names = "--rows",
      defaultValue = "20",
      description = "Rows to show (default ${DEFAULT-VALUE}).")
  int rows;

  @Override
  public Integer call() {
    SparkSession spark = SparkSessions.getOrCreate("splitflow-sql", Map.of());
    try {
      spark.sql(statement).show(rows, false);
    } finally {
      spark.stop();
    }
    return 0;
  }
}
