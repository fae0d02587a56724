package io.splitflow.tools.bench.ceiling;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes Confluent-framed Avro (magic byte 0, 4-byte schema id, Avro binary) into the reader
 * schema, as the deserialize job must, reusing the binary decoder and the record from payload to
 * payload. Fails on a short payload, a wrong magic byte, an id with no schema, bytes Avro cannot
 * read, and bytes left over after the record.
 */
final class AvroReadingDecoder implements ReadingDecoder {
  private static final int HEADER = 5;

  private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
  private final int[] positions = new int[FIELDS.length];
  private BinaryDecoder decoder;
  private GenericRecord record;

  AvroReadingDecoder(Map<Integer, Schema> writers, Schema reader) {
    writers.forEach((id, writer) -> readers.put(id, new GenericDatumReader<>(writer, reader)));
    for (int i = 0; i < FIELDS.length; i++) {
      Schema.Field field = reader.getField(FIELDS[i]);
      if (field == null) {
        throw new IllegalArgumentException(
            "reader schema " + reader.getFullName() + " has no field '" + FIELDS[i] + "'");
      }
      positions[i] = field.pos();
    }
  }

  @Override
  public Object[] decode(byte[] payload) {
    if (payload == null || payload.length < HEADER || payload[0] != 0) {
      return null;
    }
    GenericDatumReader<GenericRecord> reader = readers.get(schemaId(payload));
    if (reader == null) {
      return null;
    }
    try {
      decoder =
          DecoderFactory.get().binaryDecoder(payload, HEADER, payload.length - HEADER, decoder);
      record = reader.read(record, decoder);
      if (!decoder.isEnd()) {
        return null;
      }
      return row(record);
    } catch (IOException | RuntimeException e) {
      record = null; // a half-read record is no base for the next one
      return null;
    }
  }

  private Object[] row(GenericRecord record) {
    Object[] row = new Object[FIELDS.length];
    row[SENSOR_ID] = text(record.get(positions[SENSOR_ID]));
    Object date = record.get(positions[READING_DATE]);
    row[READING_DATE] = date == null ? null : LocalDate.ofEpochDay((Integer) date);
    row[VALUE] = record.get(positions[VALUE]);
    row[UNIT] = text(record.get(positions[UNIT]));
    Object time = record.get(positions[EVENT_TIME]);
    row[EVENT_TIME] = time == null ? null : Instant.ofEpochMilli((Long) time);
    return row;
  }

  // Avro hands out reused Utf8 instances; a row must own its strings
  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static int schemaId(byte[] payload) {
    return (payload[1] & 0xff) << 24
        | (payload[2] & 0xff) << 16
        | (payload[3] & 0xff) << 8
        | payload[4] & 0xff;
  }
}
