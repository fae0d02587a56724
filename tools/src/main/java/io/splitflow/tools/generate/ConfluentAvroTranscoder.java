package io.splitflow.tools.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Re-encodes the generator's JSON readings in the Confluent wire format (magic byte 0, 4-byte
 * schema id, Avro binary). Good readings become Avro under writer schema 1, or 2 (which adds a
 * field) for every tenth; the bad kinds become the failures Avro consumers meet: a truncated body,
 * a wrong magic byte, a schema id no registry knows.
 */
public final class ConfluentAvroTranscoder implements Iterator<Message> {
  public static final int UNKNOWN_SCHEMA_ID = 999;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Iterator<Message> source;
  private final Schema v1;
  private final Schema v2;
  private final GenericDatumWriter<GenericRecord> writerV1;
  private final GenericDatumWriter<GenericRecord> writerV2;
  private long sequence;

  /** A transcoder with writer schemas 1 and 2 from a registry directory ({@code <id>.avsc}). */
  public static ConfluentAvroTranscoder fromRegistry(Iterator<Message> source, Path registry)
      throws IOException {
    return new ConfluentAvroTranscoder(
        source,
        Files.readString(registry.resolve("1.avsc")),
        Files.readString(registry.resolve("2.avsc")));
  }

  public ConfluentAvroTranscoder(Iterator<Message> source, String schemaV1, String schemaV2) {
    this.source = source;
    this.v1 = new Schema.Parser().parse(schemaV1);
    this.v2 = new Schema.Parser().parse(schemaV2);
    this.writerV1 = new GenericDatumWriter<>(v1);
    this.writerV2 = new GenericDatumWriter<>(v2);
  }

  @Override
  public boolean hasNext() {
    return source.hasNext();
  }

  @Override
  public Message next() {
    Message message = source.next();
    sequence++;
    byte[] value =
        switch (message.kind()) {
          case VALID, LATE -> encode(message.value(), sequence % 10 == 0 ? 2 : 1);
          // a re-delivery must be the very same bytes as the original
          case DUPLICATE -> encode(message.value(), 1);
          case MALFORMED -> truncated(encode(validStandIn(message), 1));
          case MISSING_FIELD -> withMagic(encode(validStandIn(message), 1), (byte) 1);
          case WRONG_TYPE -> header(UNKNOWN_SCHEMA_ID, new byte[] {2, 'x'});
        };
    return new Message(message.key(), value, message.kind());
  }

  private byte[] encode(byte[] json, int schemaId) {
    try {
      JsonNode reading = JSON.readTree(json);
      Schema schema = schemaId == 2 ? v2 : v1;
      GenericRecord record = new GenericData.Record(schema);
      record.put("sensor_id", reading.get("sensor_id").asText());
      record.put(
          "reading_date", (int) LocalDate.parse(reading.get("reading_date").asText()).toEpochDay());
      record.put("value", reading.get("value").isNull() ? null : reading.get("value").asDouble());
      record.put("unit", reading.get("unit").isNull() ? null : reading.get("unit").asText());
      record.put("event_time", Instant.parse(reading.get("event_time").asText()).toEpochMilli());
      if (schemaId == 2) {
        record.put("battery", 3.7);
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream(64);
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
      (schemaId == 2 ? writerV2 : writerV1).write(record, encoder);
      encoder.flush();
      return header(schemaId, body.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bad kinds carry bad JSON; Avro needs a good reading to break in its own ways. */
  private static byte[] validStandIn(Message message) {
    String key = new String(message.key(), java.nio.charset.StandardCharsets.UTF_8);
    String[] parts = key.split("\\|");
    String date = parts.length > 1 ? parts[1] : "2026-11-25";
    return ("{\"sensor_id\":\""
            + parts[0]
            + "\",\"reading_date\":\""
            + date
            + "\",\"value\":1.0,\"unit\":\"C\",\"event_time\":\""
            + date
            + "T00:00:00Z\"}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] header(int schemaId, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
  }

  private static byte[] truncated(byte[] framed) {
    return Arrays.copyOf(framed, Math.max(6, framed.length / 2));
  }

  private static byte[] withMagic(byte[] framed, byte magic) {
    framed[0] = magic;
    return framed;
  }
}
