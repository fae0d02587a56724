package io.splitflow.deserialize.decode.avro;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.Problems;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;

/**
 * Reads one Avro record body and picks the dataset's fields out of it. Not thread-safe: it reuses
 * its decoder and record from value to value.
 */
public final class FieldReader {

  private static final int MAX_DETAIL = 200;

  private final FieldSpec[] fields;
  private final int[] positions;
  private final AvroConverter[] converters;
  private final BoundedDecoder decoder = new BoundedDecoder();
  private GenericRecord reuse;

  /**
   * IllegalArgumentException if a field is not in the reader schema, or its type there is not the
   * configured one: the column type must be the one {@link AvroFieldMapping} derives from the
   * reader schema, nested types whole (a struct lists all of its record's fields, in order), except
   * that a {@code timestamp} column takes a {@code local-timestamp-*} as UTC ({@link
   * AvroConverters}).
   */
  public FieldReader(Schema readerSchema, List<FieldSpec> fields) {
    if (readerSchema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "the Avro reader schema must be a record, found " + readerSchema.getType().getName());
    }
    this.fields = fields.toArray(new FieldSpec[0]);
    this.positions = new int[this.fields.length];
    this.converters = new AvroConverter[this.fields.length];
    Set<String> names = new HashSet<>();
    for (int i = 0; i < this.fields.length; i++) {
      FieldSpec spec = this.fields[i];
      if (!names.add(spec.name())) {
        throw new IllegalArgumentException("field '" + spec.name() + "' is declared twice");
      }
      Schema.Field field = readerSchema.getField(spec.name());
      if (field == null) {
        throw new IllegalArgumentException(
            "field '" + spec.name() + "' is not in the Avro reader schema");
      }
      FieldType derived = AvroFieldMapping.type(field);
      converters[i] = AvroConverters.of(field.schema(), spec.type());
      if (converters[i] == null) {
        throw new IllegalArgumentException(
            String.format(
                "field '%s' is %s in the configuration but %s in the Avro reader schema",
                spec.name(), spec.type().typeName(), derived.typeName()));
      }
      positions[i] = field.pos();
    }
  }

  /** The one record that {@code bytes} hold from {@code offset} to their end. */
  public GenericRecord read(DatumReader<GenericRecord> reader, byte[] bytes, int offset)
      throws IOException {
    decoder.reset(bytes, offset);
    reuse = reader.read(reuse, decoder);
    int left = decoder.left();
    if (left > 0) {
      throw new MalformedAvroException(
          String.format(
              "%d byte%s left over after the record, which ends at byte %d",
              left, left == 1 ? "" : "s", decoder.position()));
    }
    return reuse;
  }

  public DecodeResult values(GenericRecord record) {
    Object[] row = new Object[fields.length];
    Problems problems = new Problems();
    for (int i = 0; i < fields.length; i++) {
      Object datum = record.get(positions[i]);
      if (datum != null) {
        row[i] = converters[i].convert(datum, fields[i].name(), problems);
      } else if (fields[i].required()) {
        problems.add(
            DecodeError.MISSING_FIELD, "required field '" + fields[i].name() + "' is null");
      }
    }
    return problems.result(row);
  }

  /** The failure for bytes that {@link #read} could not take as one record. */
  public DecodeResult malformed(Exception e, int length) {
    String detail;
    if (e instanceof MalformedAvroException) {
      detail = e.getMessage();
    } else if (e instanceof EOFException) {
      detail = "truncated, the " + length + "-byte value ends mid-record";
    } else if (e instanceof IndexOutOfBoundsException) {
      // Avro looks the index up unchecked; the JIT may even drop the exception's message
      detail =
          "the union branch or enum symbol index at byte " + decoder.indexAt() + " is out of range";
    } else if (e instanceof IOException || e instanceof AvroRuntimeException) {
      detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    } else {
      detail = e.toString();
    }
    String line = detail.lines().findFirst().orElse("");
    if (line.length() > MAX_DETAIL) {
      line = line.substring(0, MAX_DETAIL) + "...";
    }
    return DecodeResult.failed(DecodeError.MALFORMED_AVRO, "malformed Avro: " + line);
  }
}
