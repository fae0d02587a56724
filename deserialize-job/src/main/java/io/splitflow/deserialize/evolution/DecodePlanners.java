package io.splitflow.deserialize.evolution;

import io.splitflow.common.config.DataFormat;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.Envelope;
import io.splitflow.common.config.SchemaEvolution;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.BatchDecoder;
import io.splitflow.deserialize.decode.ColumnCompiler;
import io.splitflow.deserialize.decode.ComputedColumns;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.RecordDecoders;
import io.splitflow.deserialize.decode.TombstoneKeyDecoder;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decode planner a dataset's {@code schema-evolution} asks for.
 *
 * <p>With {@code none}, the declared fields, always. With {@code add-columns}, a JSON (without
 * envelope) or {@code avro-confluent} dataset also decodes the columns bronze has gained, and, when
 * {@code addColumns} is set, the fields a batch brings that bronze lacks, which bronze then gains.
 * Plain {@code avro} has one schema, the reader's, so nothing new can appear; protobuf and Debezium
 * envelopes do not evolve yet and decode their declared fields.
 */
public final class DecodePlanners {
  private static final Logger LOG = LoggerFactory.getLogger(DecodePlanners.class);

  private DecodePlanners() {}

  /**
   * {@code addColumns} false gives a planner that follows bronze's columns but never adds one: for
   * a writer that appends without schema merge, such as the dead-letter replay.
   */
  public static DecodePlanner forDataset(DatasetConfig dataset, boolean addColumns) {
    return forDataset(SparkSession.active(), dataset, addColumns);
  }

  /**
   * As above; the computed columns are compiled here, with {@code spark}, so a bad expression stops
   * the job at start.
   */
  public static DecodePlanner forDataset(
      SparkSession spark, DatasetConfig dataset, boolean addColumns) {
    // built even when evolving, as it checks the declared fields against the format at start
    RecordDecoder declared = RecordDecoders.forDataset(dataset);
    ComputedColumns computed = ColumnCompiler.compile(spark, dataset);
    if (dataset.schemaEvolution() == SchemaEvolution.ADD_COLUMNS) {
      if (dataset.format() == DataFormat.JSON && dataset.decode().envelope() == Envelope.NONE) {
        return new JsonColumnsPlanner(dataset, addColumns);
      }
      if (dataset.format() == DataFormat.AVRO_CONFLUENT) {
        return new ConfluentColumnsPlanner(dataset, addColumns);
      }
      LOG.warn(
          "datasets.{}.schema-evolution: add-columns has no effect for format {}{}; the declared"
              + " fields are decoded",
          dataset.name(),
          dataset.format().configName(),
          dataset.decode().envelope() == Envelope.NONE ? "" : " with a Debezium envelope");
    }
    // the config loader refuses computed columns with add-columns, so only this plan has them
    List<FieldSpec> decoded = dataset.decodedFields();
    return DecodePlanner.fixed(
        dataset.fields(),
        new BatchDecoder(decoded, declared, tombstones(dataset, decoded), computed));
  }

  private static TombstoneKeyDecoder tombstones(DatasetConfig dataset, List<FieldSpec> fields) {
    return new TombstoneKeyDecoder(
        dataset.decode().tombstoneKey().orElse(null), fields, dataset.merge().keys());
  }

  /** A batch decoder for {@code fields}, tombstones included. */
  static BatchDecoder batchDecoder(
      DatasetConfig dataset, List<FieldSpec> fields, RecordDecoder decoder) {
    return new BatchDecoder(fields, decoder, tombstones(dataset, fields));
  }
}
