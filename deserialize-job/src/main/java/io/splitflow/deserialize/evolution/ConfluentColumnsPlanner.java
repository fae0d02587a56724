package io.splitflow.deserialize.evolution;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.table.TableRef;
import io.splitflow.deserialize.decode.RecordDecoders;
import io.splitflow.deserialize.decode.avro.ConfluentAvroDecoder;
import io.splitflow.deserialize.decode.registry.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Confluent Avro with {@code add-columns}: the reader schema extended, per batch, with bronze's
 * extra columns and (when adding) the writer fields the reader lacks, as optional fields defaulting
 * to null, so Avro's resolution fills them from writers that have them and leaves them null
 * otherwise. A writer whose type for such a field does not resolve to the column's is
 * INCOMPATIBLE_SCHEMA, naming the field. One registry, with its JVM-wide cache, serves discovery on
 * the driver and the decoders on the executors.
 */
final class ConfluentColumnsPlanner implements DecodePlanner {
  private final DatasetConfig dataset;
  private final TableRef bronze;
  private final String readerSchema;
  private final SchemaRegistry registry;
  private final boolean addColumns;

  ConfluentColumnsPlanner(DatasetConfig dataset, boolean addColumns) {
    this.dataset = dataset;
    this.bronze = dataset.table(TableLayer.BRONZE);
    // the config loader requires schema.avro-file for the Avro formats
    this.readerSchema = dataset.decode().avroSchema().orElseThrow();
    this.registry = RecordDecoders.registry(dataset);
    this.addColumns = addColumns;
  }

  @Override
  public Plan plan(Dataset<Row> raw) {
    List<FieldSpec> declared = dataset.fields();
    List<FieldSpec> existing =
        BronzeColumns.extras(declared, BronzeColumns.current(raw.sparkSession(), bronze));
    Schema reader = new Schema.Parser().parse(readerSchema);
    List<Schema> writers =
        addColumns || !existing.isEmpty()
            ? ConfluentFieldDiscovery.writers(ConfluentFieldDiscovery.schemaIds(raw), registry)
            : List.of();
    List<FieldSpec> discovered = List.of();
    if (addColumns) {
      List<FieldSpec> known = new ArrayList<>(declared);
      known.addAll(existing);
      discovered = ConfluentFieldDiscovery.discover(reader, writers, FieldPlan.lowerNames(known));
    }
    FieldPlan fields = FieldPlan.of(declared, existing, discovered);
    Schema extended =
        ConfluentFieldDiscovery.extend(reader, fields.extras(declared.size()), writers);
    return new Plan(
        fields,
        DecodePlanners.batchDecoder(
            dataset,
            fields.fields(),
            new ConfluentAvroDecoder(extended.toString(), fields.fields(), registry)));
  }
}
