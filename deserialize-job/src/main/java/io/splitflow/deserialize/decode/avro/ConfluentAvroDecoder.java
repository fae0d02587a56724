package io.splitflow.deserialize.decode.avro;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.registry.SchemaRegistry;
import io.splitflow.deserialize.decode.registry.UnknownSchemaException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes the Confluent wire format: magic byte 0, the writer schema's id as a 4-byte big-endian
 * int, then Avro binary written with that schema. Each writer schema is fetched once and resolved
 * against the reader schema with Avro's own rules, so producers may add fields with defaults, or
 * drop fields the reader has defaults for.
 *
 * <p>Give it a {@link io.splitflow.deserialize.decode.registry.CachingSchemaRegistry}: this decoder
 * remembers the schemas it found, but asks the registry again for every record with an unknown id.
 * Serializable for Spark, with the parsed schemas and readers rebuilt lazily after deserialization;
 * {@link #decode} is synchronized as that state is reused value after value (Spark gives every task
 * its own copy, so the lock is not contended there).
 */
public final class ConfluentAvroDecoder implements RecordDecoder {

  private static final long serialVersionUID = 1L;

  private final String readerSchemaJson;
  private final List<FieldSpec> fields;
  private final SchemaRegistry registry;
  private transient Schema readerSchema;
  private transient FieldReader fieldReader;
  private transient Map<Integer, WriterSchema> writers;

  /** IllegalArgumentException, or Avro's SchemaParseException, for a schema that does not fit. */
  public ConfluentAvroDecoder(
      String readerSchemaJson, List<FieldSpec> fields, SchemaRegistry registry) {
    this.readerSchemaJson = readerSchemaJson;
    this.fields = List.copyOf(fields);
    this.registry = Objects.requireNonNull(registry, "registry");
    init();
  }

  @Override
  public synchronized DecodeResult decode(byte[] value) {
    DecodeResult badFrame = ConfluentFrame.problem(value);
    if (badFrame != null) {
      return badFrame;
    }
    if (fieldReader == null) {
      init();
    }
    int id = ConfluentFrame.schemaId(value);
    WriterSchema writer;
    try {
      writer = writer(id);
    } catch (UnknownSchemaException e) {
      // only this id's problem; refused credentials or an unavailable registry (under
      // on-unavailable: fail) concern every record and propagate, failing the batch
      return DecodeResult.failed(DecodeError.UNKNOWN_SCHEMA_ID, e.getMessage());
    }
    if (writer.decimalScales() != null) {
      return writer.decimalScales();
    }
    GenericRecord record;
    try {
      record = fieldReader.read(writer.datumReader(), value, ConfluentFrame.HEADER);
    } catch (AvroTypeException e) {
      return writer.incompatible(e);
    } catch (IOException | RuntimeException e) {
      return fieldReader.malformed(e, value.length);
    }
    return fieldReader.values(record);
  }

  private WriterSchema writer(int id) throws UnknownSchemaException {
    WriterSchema writer = writers.get(id);
    if (writer == null) {
      writer = new WriterSchema(id, registry.schema(id), readerSchema);
      writers.put(id, writer);
    }
    return writer;
  }

  private void init() {
    readerSchema = new Schema.Parser().parse(readerSchemaJson);
    fieldReader = new FieldReader(readerSchema, fields);
    writers = new HashMap<>();
  }
}
