package io.splitflow.common.table;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * One table as splitflow creates it: where it is, its columns, its partition or clustering columns
 * (at most one of the two is set) and the Delta properties it must carry.
 *
 * @param label what reports call it, e.g. {@code sensor_readings/raw}
 */
public record TableDefinition(
    String label,
    TableRef ref,
    StructType schema,
    List<String> partitionBy,
    List<String> clusterBy,
    Map<String, String> properties) {

  public TableDefinition {
    partitionBy = List.copyOf(partitionBy);
    clusterBy = List.copyOf(clusterBy);
    properties = Map.copyOf(properties);
    if (!partitionBy.isEmpty() && !clusterBy.isEmpty()) {
      throw new IllegalArgumentException(label + ": both partitioned and clustered");
    }
  }
}
