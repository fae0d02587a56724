package io.splitflow.deserialize.evolution;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.table.TableRef;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.RecordDecoders;
import io.splitflow.deserialize.decode.avro.ConfluentAvroDecoder;
import io.splitflow.deserialize.decode.registry.SchemaRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.apache.avro.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Confluent Avro with {@code add-columns}: the reader schema extended, per batch, with bronze's
 * extra columns and (when adding) the writer fields the reader lacks that the dataset's {@code
 * schema-growth} lets in ({@link GrowthLimits}; a field's record count is that of the records whose
 * writer schema has it), as optional fields defaulting to null, so Avro's resolution fills them
 * from writers that have them and leaves them null otherwise. The records of a writer schema with a
 * field refused are UNKNOWN_FIELD dead letters naming the limit. A writer whose type for such a
 * field does not resolve to the column's is INCOMPATIBLE_SCHEMA, naming the field. One registry,
 * with its JVM-wide cache, serves discovery on the driver and the decoders on the executors.
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
  public Plan plan(Dataset<Row> raw, Optional<BatchOrigin> origin) {
    List<FieldSpec> declared = dataset.decodedFields();
    StructType schema = BronzeColumns.current(raw.sparkSession(), bronze);
    List<FieldSpec> existing = BronzeColumns.extras(declared, schema);
    Schema reader = new Schema.Parser().parse(readerSchema);
    if (!addColumns && existing.isEmpty()) {
      return plan(reader, FieldPlan.of(declared, existing, List.of()), List.of(), Map.of(), null);
    }
    SortedMap<Integer, Long> counts = ConfluentFieldDiscovery.schemaIdCounts(raw);
    SortedMap<Integer, Schema> writers =
        ConfluentFieldDiscovery.writersById(counts.keySet(), registry);
    List<Schema> writerList = List.copyOf(writers.values());
    if (!addColumns) {
      return plan(reader, FieldPlan.of(declared, existing, List.of()), writerList, Map.of(), null);
    }
    List<FieldSpec> discovered = discover(reader, declared, existing, writerList);
    if (!discovered.isEmpty() && origin.isPresent()) {
      Optional<StructType> before =
          BronzeColumns.beforeBatch(raw.sparkSession(), bronze, origin.get());
      if (before.isPresent()) {
        existing = BronzeColumns.extras(declared, before.get());
        discovered = discover(reader, declared, existing, writerList);
      }
    }
    List<GrowthLimits.Candidate> candidates = new ArrayList<>();
    for (FieldSpec field : discovered) {
      long records = 0;
      for (Map.Entry<Integer, Schema> writer : writers.entrySet()) {
        if (has(writer.getValue(), field.name())) {
          records += counts.get(writer.getKey());
        }
      }
      candidates.add(new GrowthLimits.Candidate(field, records));
    }
    GrowthLimits.Decision decision =
        GrowthLimits.decide(candidates, existing.size(), dataset.schemaGrowth());
    Map<Integer, Set<String>> refusedById = refusedById(writers, decision.refused().keySet());
    if (!refusedById.isEmpty()) {
      Set<String> kept = new HashSet<>();
      for (Map.Entry<Integer, Schema> writer : writers.entrySet()) {
        if (!refusedById.containsKey(writer.getKey())) {
          writer.getValue().getFields().forEach(field -> kept.add(field.name()));
        }
      }
      decision = decision.keepOnly(kept);
      refusedById = refusedById(writers, decision.refused().keySet());
    }
    GrowthLog.refused(dataset.name(), decision);
    return plan(
        reader,
        FieldPlan.of(declared, existing, decision.accepted()),
        writerList,
        refusedById,
        decision);
  }

  private static List<FieldSpec> discover(
      Schema reader, List<FieldSpec> declared, List<FieldSpec> existing, List<Schema> writers) {
    List<FieldSpec> known = new ArrayList<>(declared);
    known.addAll(existing);
    return ConfluentFieldDiscovery.discover(reader, writers, FieldPlan.lowerNames(known));
  }

  private Plan plan(
      Schema reader,
      FieldPlan fields,
      List<Schema> writers,
      Map<Integer, Set<String>> refusedById,
      GrowthLimits.Decision decision) {
    Schema extended =
        ConfluentFieldDiscovery.extend(
            reader, fields.extras(dataset.decodedFields().size()), List.copyOf(writers));
    RecordDecoder decoder =
        new ConfluentAvroDecoder(extended.toString(), fields.fields(), registry);
    if (!refusedById.isEmpty()) {
      decoder = RefusedFields.confluent(decoder, refusedById, decision.refused());
    }
    return new Plan(fields, DecodePlanners.batchDecoder(dataset, fields.fields(), decoder));
  }

  /** For each writer schema with a refused field, the refused fields it has. */
  private static Map<Integer, Set<String>> refusedById(
      SortedMap<Integer, Schema> writers, Set<String> refused) {
    Map<Integer, Set<String>> byId = new HashMap<>();
    if (refused.isEmpty()) {
      return byId;
    }
    for (Map.Entry<Integer, Schema> writer : writers.entrySet()) {
      if (writer.getValue().getType() != Schema.Type.RECORD) {
        continue;
      }
      for (Schema.Field field : writer.getValue().getFields()) {
        if (refused.contains(field.name())) {
          byId.computeIfAbsent(writer.getKey(), id -> new HashSet<>()).add(field.name());
        }
      }
    }
    return byId;
  }

  private static boolean has(Schema writer, String name) {
    if (writer.getType() != Schema.Type.RECORD) {
      return false;
    }
    for (Schema.Field field : writer.getFields()) {
      if (FieldPlan.lower(field.name()).equals(FieldPlan.lower(name))) {
        return true;
      }
    }
    return false;
  }
}
