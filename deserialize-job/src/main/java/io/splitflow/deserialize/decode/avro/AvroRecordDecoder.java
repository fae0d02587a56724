package io.splitflow.deserialize.decode.avro;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.RecordDecoder;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes plain Avro binary, one record per value with no framing, written with the reader schema
 * itself. Bytes that are not exactly one record are MALFORMED_AVRO; a required field that is null
 * is MISSING_FIELD.
 *
 * <p>Serializable for Spark; the parsed schema, the datum reader and the reused decoder are rebuilt
 * lazily after deserialization. {@link #decode} is synchronized because that state is reused from
 * value to value; Spark gives every task its own copy, so the lock is never contended there.
 */
public final class AvroRecordDecoder implements RecordDecoder {

  private static final long serialVersionUID = 1L;

  private final String readerSchemaJson;
  private final List<FieldSpec> fields;
  private transient GenericDatumReader<GenericRecord> reader;
  private transient FieldReader fieldReader;

  /** IllegalArgumentException, or Avro's SchemaParseException, for a schema that does not fit. */
  public AvroRecordDecoder(String readerSchemaJson, List<FieldSpec> fields) {
    this.readerSchemaJson = readerSchemaJson;
    this.fields = List.copyOf(fields);
    init();
  }

  @Override
  public synchronized DecodeResult decode(byte[] value) {
    if (value == null) {
      return DecodeResult.failed(DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
    }
    if (fieldReader == null) {
      init();
    }
    GenericRecord record;
    try {
      record = fieldReader.read(reader, value, 0);
    } catch (IOException | RuntimeException e) {
      return fieldReader.malformed(e, value.length);
    }
    return fieldReader.values(record);
  }

  private void init() {
    Schema schema = new Schema.Parser().parse(readerSchemaJson);
    fieldReader = new FieldReader(schema, fields);
    reader = new GenericDatumReader<>(schema);
  }
}
