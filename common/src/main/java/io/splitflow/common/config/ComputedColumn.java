package io.splitflow.common.config;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.io.Serializable;

/**
 * A bronze column computed by a Spark SQL expression over the decoded record and its Kafka metadata
 * ({@code _kafka}); its declared type lets every job know the column without Spark.
 *
 * @param required whether a null result makes the record a dead letter
 */
public record ComputedColumn(String name, FieldType type, String expression, boolean required)
    implements Serializable {

  /** The column as bronze, gold and the merge see it: a field like the decoded ones. */
  public FieldSpec asField() {
    return new FieldSpec(name, type, required);
  }
}
