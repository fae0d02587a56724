package io.splitflow.deserialize.evolution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.registry.SchemaRegistry;
import io.splitflow.deserialize.decode.registry.UnknownSchemaException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For Confluent-framed Avro: the writer schemas a batch uses, the fields they have that the reader
 * schema lacks, and the reader schema extended with such fields so that Avro's resolution fills
 * them.
 *
 * <p>A writer field becomes a column if its type maps to a scalar column type ({@link
 * AvroFieldMapping#scalarType}); records, arrays, maps, enums and wider unions do not, and stay
 * skipped by resolution. When writers disagree on a new field's type, the one with the lowest
 * schema id gives it; the records of the others fail resolution as INCOMPATIBLE_SCHEMA naming the
 * field.
 */
public final class ConfluentFieldDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(ConfluentFieldDiscovery.class);

  private ConfluentFieldDiscovery() {}

  /** The distinct schema ids in the headers of {@code raw}'s values, ascending. */
  public static List<Integer> schemaIds(Dataset<Row> raw) {
    return List.copyOf(schemaIdCounts(raw).keySet());
  }

  /** How many of {@code raw}'s values carry each schema id in their header, by id ascending. */
  static SortedMap<Integer, Long> schemaIdCounts(Dataset<Row> raw) {
    SortedMap<Integer, Long> ids = new TreeMap<>();
    for (Row row :
        raw.where(
                col("value")
                    .isNotNull()
                    .and(length(col("value")).geq(5))
                    .and(substring(col("value"), 1, 1).equalTo(lit(new byte[] {0}))))
            .groupBy(conv(hex(substring(col("value"), 2, 4)), 16, 10))
            .count()
            .collectAsList()) {
      // as the decoder reads it: 4 bytes, big-endian, signed
      ids.merge((int) Long.parseLong(row.getString(0)), row.getLong(1), Long::sum);
    }
    return ids;
  }

  /**
   * The writer schemas of {@code ids}, in id order. An id the registry does not give is left out:
   * its records become UNKNOWN_SCHEMA_ID dead letters when decoded.
   */
  public static List<Schema> writers(List<Integer> ids, SchemaRegistry registry) {
    return List.copyOf(writersById(ids, registry).values());
  }

  /** {@link #writers} with the id of each. */
  static SortedMap<Integer, Schema> writersById(
      java.util.Collection<Integer> ids, SchemaRegistry registry) {
    SortedMap<Integer, Schema> writers = new TreeMap<>();
    for (int id : ids) {
      try {
        writers.put(id, registry.schema(id));
      } catch (UnknownSchemaException e) {
        // the decoder asks again (through the same cache) and dead-letters the records
        LOG.warn("schema evolution: no new fields from schema id {}: {}", id, e.getMessage());
      }
    }
    return writers;
  }

  /**
   * The fields of {@code writers} that {@code reader} lacks (by name or alias) and that no {@code
   * known} name has (without case), in writer order, optional.
   */
  public static List<FieldSpec> discover(Schema reader, List<Schema> writers, Set<String> known) {
    Set<String> taken = new LinkedHashSet<>();
    for (String name : known) {
      taken.add(FieldPlan.lower(name));
    }
    for (Schema.Field field : reader.getFields()) {
      taken.add(FieldPlan.lower(field.name()));
      field.aliases().forEach(alias -> taken.add(FieldPlan.lower(alias)));
    }
    List<FieldSpec> found = new ArrayList<>();
    for (Schema writer : writers) {
      if (writer.getType() != Schema.Type.RECORD) {
        continue;
      }
      for (Schema.Field field : writer.getFields()) {
        FieldType type = typeOrNull(field);
        if (type != null
            && BronzeColumns.NAME.matcher(field.name()).matches()
            && taken.add(FieldPlan.lower(field.name()))) {
          found.add(new FieldSpec(field.name(), type, false));
        }
      }
    }
    return found;
  }

  /**
   * {@code reader} with {@code extras} appended as optional fields defaulting to null. A field
   * takes its value schema from the first writer that has it with the same column type, so that a
   * timestamp keeps the writer's precision; otherwise the column type's plain Avro schema.
   */
  public static Schema extend(Schema reader, List<FieldSpec> extras, List<Schema> writers) {
    if (extras.isEmpty()) {
      return reader;
    }
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : reader.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    for (FieldSpec extra : extras) {
      Schema value =
          Schema.createUnion(Schema.create(Schema.Type.NULL), valueSchema(extra, writers));
      fields.add(new Schema.Field(extra.name(), value, null, Schema.Field.NULL_DEFAULT_VALUE));
    }
    Schema extended =
        Schema.createRecord(
            reader.getName(), reader.getDoc(), reader.getNamespace(), reader.isError(), fields);
    reader.getObjectProps().forEach(extended::addProp);
    return extended;
  }

  private static Schema valueSchema(FieldSpec extra, List<Schema> writers) {
    for (Schema writer : writers) {
      Schema.Field field =
          writer.getType() == Schema.Type.RECORD ? writer.getField(extra.name()) : null;
      if (field != null && typeOrNull(field) == extra.type()) {
        return AvroFieldMapping.valueSchema(field);
      }
    }
    return plain(extra.type().scalar());
  }

  private static Schema plain(FieldType.Scalar type) {
    return switch (type) {
      case STRING -> Schema.create(Schema.Type.STRING);
      case INT -> Schema.create(Schema.Type.INT);
      case LONG -> Schema.create(Schema.Type.LONG);
      case FLOAT -> Schema.create(Schema.Type.FLOAT);
      case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
      case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
      case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      // Spark keeps microseconds
      case TIMESTAMP -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
      // discovered columns are of the types every format decodes (SparkTypes.addedColumns)
      case SHORT, BYTE, BINARY, TIMESTAMP_NTZ ->
          throw new IllegalStateException(type.typeName() + " is never discovered");
    };
  }

  private static FieldType typeOrNull(Schema.Field field) {
    try {
      return AvroFieldMapping.scalarType(field);
    } catch (IllegalArgumentException e) {
      // not a column type: resolution skips the field, as it did before it was discovered
      return null;
    }
  }
}
