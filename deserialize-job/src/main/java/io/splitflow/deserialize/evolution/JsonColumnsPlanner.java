package io.splitflow.deserialize.evolution;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.table.TableRef;
import io.splitflow.deserialize.decode.JsonRecordDecoder;
import io.splitflow.deserialize.decode.RecordDecoders;
import io.splitflow.deserialize.decode.UnknownFieldPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * JSON with {@code add-columns}: decodes the declared fields, bronze's extra columns, and (when
 * adding) the new scalar fields {@link JsonFieldDiscovery} finds in the batch. A value that does
 * not fit its column's type is a WRONG_TYPE dead letter like any other.
 */
final class JsonColumnsPlanner implements DecodePlanner {
  private final DatasetConfig dataset;
  private final TableRef bronze;
  private final UnknownFieldPolicy unknownFields;
  private final boolean addColumns;

  JsonColumnsPlanner(DatasetConfig dataset, boolean addColumns) {
    this.dataset = dataset;
    this.bronze = dataset.table(TableLayer.BRONZE);
    this.unknownFields = RecordDecoders.unknownFields(dataset);
    this.addColumns = addColumns;
  }

  @Override
  public Plan plan(Dataset<Row> raw) {
    List<FieldSpec> declared = dataset.fields();
    List<FieldSpec> existing =
        BronzeColumns.extras(declared, BronzeColumns.current(raw.sparkSession(), bronze));
    List<FieldSpec> discovered = List.of();
    if (addColumns) {
      Set<String> known = new HashSet<>();
      declared.forEach(field -> known.add(field.name()));
      existing.forEach(field -> known.add(field.name()));
      discovered = JsonFieldDiscovery.discover(raw, known);
    }
    FieldPlan fields = FieldPlan.of(declared, existing, discovered);
    return new Plan(
        fields,
        DecodePlanners.batchDecoder(
            dataset, fields.fields(), new JsonRecordDecoder(fields.fields(), unknownFields)));
  }
}
