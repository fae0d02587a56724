package io.splitflow.deserialize.evolution;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.BatchDecoder;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Decides, batch by batch, which fields a batch decodes and the decoder for them. Runs on the
 * driver before the batch is decoded; it may read the batch (to discover fields) and bronze's
 * schema.
 */
public interface DecodePlanner {

  /**
   * The fields to decode {@code raw} with, and the decoder; called once per batch. {@code origin}
   * is the streaming batch {@code raw} is, when it is one.
   */
  Plan plan(Dataset<Row> raw, Optional<BatchOrigin> origin);

  /** The plan for rows that are not a streaming batch (replay). */
  default Plan plan(Dataset<Row> raw) {
    return plan(raw, Optional.empty());
  }

  /** The fields of one batch and its decoder, built for exactly those fields. */
  record Plan(FieldPlan fields, BatchDecoder decoder) {}

  /** The same fields and decoder for every batch. */
  static DecodePlanner fixed(List<FieldSpec> fields, BatchDecoder decoder) {
    Plan plan = new Plan(FieldPlan.declared(fields), decoder);
    return (raw, origin) -> plan;
  }
}
