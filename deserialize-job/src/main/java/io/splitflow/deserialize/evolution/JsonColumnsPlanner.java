package io.splitflow.deserialize.evolution;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.table.TableRef;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.RecordDecoders;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * JSON with {@code add-columns}: decodes the declared fields, bronze's extra columns, and (when
 * adding) the new scalar fields {@link JsonFieldDiscovery} finds in the batch that the dataset's
 * {@code schema-growth} lets in ({@link GrowthLimits}). A record carrying a new field refused is an
 * UNKNOWN_FIELD dead letter naming the limit; a value that does not fit its column's type is a
 * WRONG_TYPE dead letter like any other.
 */
final class JsonColumnsPlanner implements DecodePlanner {
  private final DatasetConfig dataset;
  private final TableRef bronze;
  private final boolean addColumns;

  JsonColumnsPlanner(DatasetConfig dataset, boolean addColumns) {
    this.dataset = dataset;
    this.bronze = dataset.table(TableLayer.BRONZE);
    this.addColumns = addColumns;
  }

  @Override
  public Plan plan(Dataset<Row> raw, Optional<BatchOrigin> origin) {
    List<FieldSpec> declared = dataset.decodedFields();
    StructType schema = BronzeColumns.current(raw.sparkSession(), bronze);
    if (!addColumns) {
      return plan(FieldPlan.of(declared, BronzeColumns.extras(declared, schema), List.of()), null);
    }
    Growth growth = growth(raw, schema);
    if (!growth.candidates().isEmpty() && origin.isPresent()) {
      Optional<StructType> before =
          BronzeColumns.beforeBatch(raw.sparkSession(), bronze, origin.get());
      if (before.isPresent()) {
        growth = growth(raw, before.get());
      }
    }
    GrowthLimits.Decision decision =
        GrowthLimits.decide(growth.candidates(), growth.existing().size(), dataset.schemaGrowth());
    if (!decision.refused().isEmpty() && !decision.accepted().isEmpty()) {
      Set<String> acceptedNames = new HashSet<>();
      decision.accepted().forEach(field -> acceptedNames.add(field.name()));
      decision =
          decision.keepOnly(
              JsonFieldDiscovery.carriedByKeptRecords(raw, growth.known(), acceptedNames));
    }
    GrowthLog.refused(dataset.name(), decision);
    FieldPlan fields = FieldPlan.of(declared, growth.existing(), decision.accepted());
    return plan(fields, decision);
  }

  private Growth growth(Dataset<Row> raw, StructType schema) {
    List<FieldSpec> declared = dataset.decodedFields();
    List<FieldSpec> existing = BronzeColumns.extras(declared, schema);
    Set<String> known = new HashSet<>();
    declared.forEach(field -> known.add(field.name()));
    existing.forEach(field -> known.add(field.name()));
    return new Growth(existing, known, JsonFieldDiscovery.candidates(raw, known));
  }

  private Plan plan(FieldPlan fields, GrowthLimits.Decision decision) {
    RecordDecoder decoder = RecordDecoders.json(dataset, fields.fields());
    if (decision != null && !decision.refused().isEmpty()) {
      Set<String> known = new HashSet<>();
      fields.fields().forEach(field -> known.add(field.name()));
      decoder = RefusedFields.json(decoder, known, decision.refused());
    }
    return new Plan(fields, DecodePlanners.batchDecoder(dataset, fields.fields(), decoder));
  }

  /** Bronze's extra columns, the names known with them, and the batch's new fields. */
  private record Growth(
      List<FieldSpec> existing, Set<String> known, List<GrowthLimits.Candidate> candidates) {}
}
