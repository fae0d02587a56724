package io.splitflow.tools.maintain;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.table.TableDefinition;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.merge.gold.GoldTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Creates every table of the chosen datasets, and the event log, as the jobs would on their first
 * start; an existing table keeps its data and gets the properties it lacks. Gold goes through the
 * merge job's own checks, so init refuses a gold the merge job would refuse.
 */
public final class Init {
  private Init() {}

  public static List<TableInitializer.Outcome> run(
      SparkSession spark, SplitflowConfig config, List<DatasetConfig> datasets) {
    List<TableInitializer.Outcome> outcomes = new ArrayList<>();
    for (DatasetConfig dataset : datasets) {
      DatasetTables tables = DatasetTables.of(spark, config, dataset);
      for (Map.Entry<TableLayer, TableDefinition> table : tables.tables().entrySet()) {
        outcomes.add(
            table.getKey() == TableLayer.GOLD
                ? GoldTable.ensure(spark, table.getValue(), tables.mergeSpec())
                : TableInitializer.ensure(spark, table.getValue()));
      }
    }
    for (TableDefinition events : TableDefinitions.eventLogs(config)) {
      outcomes.add(TableInitializer.ensure(spark, events));
    }
    return outcomes;
  }
}
