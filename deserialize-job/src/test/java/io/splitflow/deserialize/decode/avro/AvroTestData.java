package io.splitflow.deserialize.decode.avro;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.common.schema.FieldSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A sensor-reading Avro schema with every field type, and ways to write records with any schema:
 * plain Avro binary, or framed in the Confluent wire format.
 */
public final class AvroTestData {

  public static final Schema READING =
      schema(
          """
          {"type": "record", "name": "Reading", "namespace": "io.splitflow.test", "fields": [
            {"name": "sensor_id", "type": "string"},
            {"name": "reading_date", "type": {"type": "int", "logicalType": "date"}},
            {"name": "read_at", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}],
             "default": null},
            {"name": "value", "type": ["null", "double"], "default": null},
            {"name": "ratio", "type": ["null", "float"], "default": null},
            {"name": "n", "type": ["null", "int"], "default": null},
            {"name": "seq", "type": ["null", "long"], "default": null},
            {"name": "active", "type": ["null", "boolean"], "default": null}
          ]}
          """);

  /** sensor_id and reading_date required, the rest optional. */
  public static final List<FieldSpec> READING_FIELDS = AvroFieldMapping.fields(READING);

  public static final LocalDate DATE = LocalDate.of(2026, 11, 27);
  public static final Instant READ_AT = Instant.parse("2026-11-27T08:15:30.123Z");

  // writes LocalDate and Instant for the date and timestamp logical types
  private static final GenericData DATA = new GenericData();

  static {
    DATA.addLogicalTypeConversion(new TimeConversions.DateConversion());
    DATA.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    DATA.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    DATA.addLogicalTypeConversion(new TimeConversions.TimestampNanosConversion());
  }

  private AvroTestData() {}

  public static Schema schema(String json) {
    return new Schema.Parser().parse(json);
  }

  /** A reading with only the required fields set; the others default to null. */
  public static GenericRecordBuilder minimalReading() {
    return new GenericRecordBuilder(READING).set("sensor_id", "s-1").set("reading_date", DATE);
  }

  /** A reading with every field set. */
  public static GenericRecord reading() {
    return minimalReading()
        .set("read_at", READ_AT)
        .set("value", 21.5)
        .set("ratio", 0.25f)
        .set("n", 7)
        .set("seq", 9_876_543_210L)
        .set("active", true)
        .build();
  }

  /** What the decoders give for {@link #reading()}, in {@link #READING_FIELDS} order. */
  public static Object[] readingValues() {
    return new Object[] {"s-1", DATE, READ_AT, 21.5, 0.25f, 7, 9_876_543_210L, true};
  }

  /** The record as plain Avro binary, written with its own schema. */
  public static byte[] plain(GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema(), DATA).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The record in the Confluent wire format, as if its schema were registered under {@code id}. */
  public static byte[] confluent(int id, GenericRecord record) {
    return framed(id, plain(record));
  }

  /** Magic byte 0, {@code id} big-endian, then {@code body}. */
  public static byte[] framed(int id, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
  }
}
