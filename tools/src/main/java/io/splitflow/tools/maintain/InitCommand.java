package io.splitflow.tools.maintain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.table.TableDefinition;
import io.splitflow.common.table.TableInitializer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** bin/splitflow init: every table of every dataset, with its layout and properties. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create every table of each dataset (raw, bronze, dead-letter, gold, merge-events) and the"
          + " event log with their layout and Delta properties, before the first run. Idempotent:"
          + " an existing table is reported as exists, and gets the properties it lacks.",
      "Exit codes: 0 done, 2 bad configuration or arguments, 1 a runtime failure."
    })
public final class InitCommand extends LakeCommand {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.progress");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  String appName() {
    return "splitflow-init";
  }

  @Override
  int run(
      SparkSession spark, SplitflowConfig config, List<DatasetConfig> datasets, PrintWriter out) {
    for (TableInitializer.Outcome outcome : Init.run(spark, config, datasets)) {
      out.println(text(outcome));
      LOG.info(json(outcome));
    }
    return 0;
  }

  static String text(TableInitializer.Outcome outcome) {
    TableDefinition table = outcome.table();
    StringBuilder line =
        new StringBuilder(
            String.format(
                "  %-32s %-8s %s",
                table.label(), outcome.status().name().toLowerCase(Locale.ROOT), table.ref()));
    if (!table.partitionBy().isEmpty()) {
      line.append("  partitioned by ").append(String.join(", ", table.partitionBy()));
    }
    if (!table.clusterBy().isEmpty()) {
      line.append("  clustered by ").append(String.join(", ", table.clusterBy()));
    }
    new TreeMap<>(table.properties()).forEach((k, v) -> line.append("  ").append(k + "=" + v));
    if (!outcome.propertiesSet().isEmpty()) {
      line.append("  (set ").append(new TreeMap<>(outcome.propertiesSet())).append(')');
    }
    outcome.layoutNote().ifPresent(note -> line.append("  (").append(note).append(')'));
    return line.toString();
  }

  static String json(TableInitializer.Outcome outcome) {
    ObjectNode line =
        JSON.createObjectNode()
            .put("event", "init")
            .put("table", outcome.table().label())
            .put("location", outcome.table().ref().toString())
            .put("status", outcome.status().name().toLowerCase(Locale.ROOT));
    ObjectNode set = line.putObject("properties_set");
    outcome.propertiesSet().forEach(set::put);
    outcome.layoutNote().ifPresent(note -> line.put("note", note));
    return line.toString();
  }
}
