package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Avro topics through the real broker: plain binary, and Confluent-framed with evolved writers. */
@Timeout(600)
class AvroIT {
  private static final Path REGISTRY = Path.of("..", "conf", "schemas", "registry");
  @TempDir Path lake;

  @Test
  void confluentFramedRecordsFromTwoWriterVersionsLandTypedAndBadFramingIsDeadLettered()
      throws Exception {
    Pipeline p = Pipeline.forDataset(lake, Pipeline.AVRO_DATASET);
    Schema v1 = schema("1.avsc");
    Schema v2 = schema("2.avsc");
    p.produce(
        List.of(
            // a tombstone is sequenced by its Kafka timestamp (now): this reading is older
            record(p, "a|2026-11-27", framed(1, avro(v1, "a", 21.5, "C", "00:00:00"))),
            record(p, "b|2026-11-27", framed(2, avro(v2, "b", null, null, "10:00:01"))),
            record(p, "c|2026-11-27", framed(999, avro(v1, "c", 1.0, "C", "10:00:02"))),
            record(p, "d|2026-11-27", new byte[] {'{', '}'}),
            record(p, "a|2026-11-27", null)));

    p.run(JobName.INGEST);
    p.run(JobName.DESERIALIZE);

    assertThat(p.table(TableLayer.BRONZE).orderBy("sensor_id", "_deleted").collectAsList())
        .extracting(
            r -> r.getAs("sensor_id"),
            r -> r.getAs("value"),
            r -> r.getAs("unit"),
            r -> r.getAs("_deleted"))
        .containsExactly(
            tuple("a", 21.5, "C", false),
            tuple("a", null, null, true),
            tuple("b", null, null, false));
    assertThat(p.table(TableLayer.DEAD_LETTER).collectAsList())
        .extracting(
            r -> new String((byte[]) r.getAs("key"), StandardCharsets.UTF_8),
            r -> r.getAs("error_class"))
        .containsExactlyInAnyOrder(
            tuple("c|2026-11-27", "UNKNOWN_SCHEMA_ID"), tuple("d|2026-11-27", "BAD_MAGIC_BYTE"));

    p.run(JobName.MERGE);
    assertThat(p.table(TableLayer.GOLD).where("NOT _deleted").collectAsList())
        .extracting(r -> r.<String>getAs("sensor_id"))
        .containsExactly("b");
  }

  @Test
  void plainAvroBinaryDecodesWithTheReaderSchema() throws Exception {
    Pipeline p =
        new Pipeline(
            lake,
            yaml ->
                yaml.replace("format: avro-confluent", "format: avro")
                    .replace("    registry: { schemas-dir: schemas/registry }\n", ""),
            Pipeline.AVRO_DATASET);
    Schema v1 = schema("1.avsc");
    p.produce(
        List.of(
            record(p, "a|2026-11-27", avro(v1, "a", 3.0, "hPa", "11:00:00")),
            record(p, "b|2026-11-27", new byte[] {2, 'x'})));

    p.run(JobName.INGEST);
    p.run(JobName.DESERIALIZE);

    assertThat(p.table(TableLayer.BRONZE).collectAsList())
        .extracting(
            r -> r.getAs("sensor_id"),
            r -> r.getAs("reading_date").toString(),
            r -> r.getAs("value"))
        .containsExactly(tuple("a", "2026-11-27", 3.0));
    assertThat(p.table(TableLayer.DEAD_LETTER).first().<String>getAs("error_class"))
        .isEqualTo("MALFORMED_AVRO");
  }

  static Schema schema(String file) throws Exception {
    return new Schema.Parser().parse(Files.readString(REGISTRY.resolve(file)));
  }

  private static ProducerRecord<byte[], byte[]> record(Pipeline p, String key, byte[] value) {
    return new ProducerRecord<>(p.topic, key.getBytes(StandardCharsets.UTF_8), value);
  }

  static byte[] avro(Schema schema, String sensor, Double value, String unit, String time)
      throws Exception {
    GenericRecord record = new GenericData.Record(schema);
    record.put("sensor_id", sensor);
    record.put("reading_date", (int) LocalDate.parse("2026-11-27").toEpochDay());
    record.put("value", value);
    record.put("unit", unit);
    record.put("event_time", Instant.parse("2026-11-27T" + time + "Z").toEpochMilli());
    if (schema.getField("battery") != null) {
      record.put("battery", 3.9);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  static byte[] framed(int schemaId, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
  }
}
