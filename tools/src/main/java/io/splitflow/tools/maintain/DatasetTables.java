package io.splitflow.tools.maintain;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.table.TableDefinition;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.MergeTuning;
import io.splitflow.merge.gold.GoldTable;
import io.splitflow.merge.metrics.MergeEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Every table of a dataset, in pipeline order, as the jobs define them. */
record DatasetTables(
    DatasetConfig dataset, MergeSpec mergeSpec, Map<TableLayer, TableDefinition> tables) {

  static DatasetTables of(SparkSession spark, SplitflowConfig config, DatasetConfig dataset) {
    MergeSpec spec = MergeSpec.of(dataset, MergeTuning.from(spark.conf()));
    Map<TableLayer, TableDefinition> tables = new LinkedHashMap<>();
    tables.put(TableLayer.RAW, TableDefinitions.raw(config, dataset));
    tables.put(TableLayer.BRONZE, TableDefinitions.bronze(dataset));
    tables.put(TableLayer.DEAD_LETTER, TableDefinitions.deadLetter(dataset));
    tables.put(TableLayer.GOLD, GoldTable.definition(dataset, spec));
    tables.put(
        TableLayer.MERGE_EVENTS, TableDefinitions.mergeEvents(dataset, MergeEvents.schema()));
    return new DatasetTables(dataset, spec, tables);
  }
}
