package io.splitflow.deserialize.decode.debezium;

import static io.splitflow.deserialize.decode.avro.AvroTestData.confluent;
import static io.splitflow.deserialize.decode.avro.AvroTestData.framed;
import static io.splitflow.deserialize.decode.avro.AvroTestData.schema;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.registry.DirectorySchemaRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debezium change events from Confluent's Avro converter, with a Postgres-shaped envelope. */
class DebeziumAvroDecoderTest {

  /** The envelope Debezium's Postgres connector registers for table public.users. */
  static final String ENVELOPE_JSON =
      """
      {"type": "record", "name": "Envelope", "namespace": "pg.public.users",
       "connect.name": "pg.public.users.Envelope", "fields": [
        {"name": "before", "type": ["null", {"type": "record", "name": "Value", "fields": [
          {"name": "id", "type": "long"},
          {"name": "email", "type": ["null", "string"], "default": null},
          {"name": "created", "type": {"type": "int", "logicalType": "date",
            "connect.name": "org.apache.kafka.connect.data.Date"}}
        ], "connect.name": "pg.public.users.Value"}], "default": null},
        {"name": "after", "type": ["null", "Value"], "default": null},
        {"name": "source", "type": {"type": "record", "name": "Source",
          "namespace": "io.debezium.connector.postgresql", "fields": [
          {"name": "version", "type": "string"},
          {"name": "connector", "type": "string"},
          {"name": "name", "type": "string"},
          {"name": "ts_ms", "type": "long"},
          {"name": "snapshot", "type": ["string", "null"], "default": "false"},
          {"name": "db", "type": "string"},
          {"name": "schema", "type": "string"},
          {"name": "table", "type": "string"},
          {"name": "txId", "type": ["null", "long"], "default": null},
          {"name": "lsn", "type": ["null", "long"], "default": null},
          {"name": "xmin", "type": ["null", "long"], "default": null}
        ], "connect.name": "io.debezium.connector.postgresql.Source"}},
        {"name": "op", "type": "string"},
        {"name": "ts_ms", "type": ["null", "long"], "default": null},
        {"name": "transaction", "type": ["null", {"type": "record", "name": "block",
          "namespace": "event", "fields": [
          {"name": "id", "type": "string"},
          {"name": "total_order", "type": "long"},
          {"name": "data_collection_order", "type": "long"}
        ]}], "default": null}
      ]}
      """;

  static final Schema ENVELOPE = schema(ENVELOPE_JSON);
  static final Schema VALUE = ENVELOPE.getField("after").schema().getTypes().get(1);
  static final Schema SOURCE = ENVELOPE.getField("source").schema();

  static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.LONG, true),
          new FieldSpec("email", FieldType.STRING, false),
          new FieldSpec("created", FieldType.DATE, false),
          new FieldSpec("source_ts_ms", FieldType.LONG, true),
          new FieldSpec("source_lsn", FieldType.LONG, false));

  static final LocalDate CREATED = LocalDate.of(2026, 11, 27);
  static final long TS_MS = 1_764_230_400_123L;
  static final long LSN = 24_023_128L;

  @TempDir Path schemas;
  private DirectorySchemaRegistry registry;
  private DebeziumAvroDecoder decoder;

  @BeforeEach
  void registerTheEnvelopeAsId1() throws IOException {
    Files.writeString(schemas.resolve("1.avsc"), ENVELOPE.toString());
    registry = new DirectorySchemaRegistry(schemas.toString());
    decoder = new DebeziumAvroDecoder(FIELDS, List.of("id"), registry);
  }

  static GenericRecord value(long id, String email) {
    return new GenericRecordBuilder(VALUE)
        .set("id", id)
        .set("email", email)
        .set("created", CREATED)
        .build();
  }

  static GenericRecord source(Long lsn) {
    return new GenericRecordBuilder(SOURCE)
        .set("version", "2.7.3.Final")
        .set("connector", "postgresql")
        .set("name", "pg")
        .set("ts_ms", TS_MS)
        .set("snapshot", "false")
        .set("db", "app")
        .set("schema", "public")
        .set("table", "users")
        .set("txId", 771L)
        .set("lsn", lsn)
        .build();
  }

  static GenericRecord event(String op, GenericRecord before, GenericRecord after) {
    return new GenericRecordBuilder(ENVELOPE)
        .set("before", before)
        .set("after", after)
        .set("source", source(LSN))
        .set("op", op)
        .set("ts_ms", TS_MS + 5)
        .build();
  }

  private DecodeResult decode(GenericRecord event) {
    return decoder.decode(confluent(1, event));
  }

  private static void assertFailure(DecodeResult result, DecodeError error, String message) {
    assertThat(result.ok()).as("ok").isFalse();
    assertThat(result.error()).isEqualTo(error);
    assertThat(result.message()).isEqualTo(message);
  }

  @Test
  void createIsTheRowInAfter() {
    DecodeResult result = decode(event("c", null, value(1, "ada@example.com")));

    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.deleted()).isFalse();
    assertThat(result.values()).containsExactly(1L, "ada@example.com", CREATED, TS_MS, LSN);
  }

  @Test
  void snapshotReadIsARow() {
    DecodeResult result = decode(event("r", null, value(2, null)));

    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.deleted()).isFalse();
    assertThat(result.values()).containsExactly(2L, null, CREATED, TS_MS, LSN);
  }

  @Test
  void updateIsTheRowInAfterNotBefore() {
    DecodeResult result = decode(event("u", value(1, "old@example.com"), value(1, "new@x.io")));

    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.values()).containsExactly(1L, "new@x.io", CREATED, TS_MS, LSN);
  }

  @Test
  void deleteCarriesTheKeyFromBeforeAndTheSourceFields() {
    DecodeResult result = decode(event("d", value(7, "gone@example.com"), null));

    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.deleted()).isTrue();
    assertThat(result.values()).containsExactly(7L, null, null, TS_MS, LSN);
  }

  @Test
  void deleteWithoutBeforeIsMalformed() {
    assertFailure(
        decode(event("d", null, null)),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "op 'd' needs a 'before' object with the key, found null");
  }

  @Test
  void deleteWhoseBeforeLacksTheKeyFails() {
    Schema keyless = schema(ENVELOPE_JSON.replace("{\"name\": \"id\", \"type\": \"long\"},", ""));
    registerAs(3, keyless);
    Schema value = keyless.getField("before").schema().getTypes().get(1);
    GenericRecord before = new GenericRecordBuilder(value).set("created", CREATED).build();
    GenericRecord event =
        new GenericRecordBuilder(keyless)
            .set("before", before)
            .set("source", sourceOf(keyless, LSN))
            .set("op", "d")
            .build();

    assertFailure(
        decoder.decode(confluent(3, event)),
        DecodeError.MISSING_FIELD,
        "the key of a delete, in 'before': required field 'id' is missing");
  }

  @Test
  void truncateIsUnsupported() {
    assertFailure(
        decode(event("t", null, null)),
        DecodeError.UNSUPPORTED_CHANGE,
        "op 't' (truncate) is not supported: it deletes every row, and gold is not truncated"
            + " from a change event (skipped.operations=t on the connector drops them)");
  }

  @Test
  void unknownOpIsUnsupported() {
    assertFailure(
        decode(event("m", null, null)),
        DecodeError.UNSUPPORTED_CHANGE,
        "op 'm' is not supported; expected c, r, u or d");
  }

  @Test
  void createWithoutAfterIsMalformed() {
    assertFailure(
        decode(event("c", null, null)),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "op 'c' needs an 'after' object, found null");
  }

  @Test
  void envelopeWithoutOpIsMalformed() {
    Schema noOp = schema(ENVELOPE_JSON.replace("{\"name\": \"op\", \"type\": \"string\"},", ""));
    registerAs(4, noOp);
    GenericRecord event = new GenericRecordBuilder(noOp).set("source", sourceOf(noOp, LSN)).build();

    assertFailure(
        decoder.decode(confluent(4, event)),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "the change event has no 'op'");
  }

  @Test
  void valueNotStartingWithTheMagicByteIsRefused() {
    assertFailure(
        decoder.decode("{\"op\":\"c\"}".getBytes(UTF_8)),
        DecodeError.BAD_MAGIC_BYTE,
        "expected magic byte 0, found 0x7b");
  }

  @Test
  void valueShorterThanTheHeaderIsTruncated() {
    assertFailure(
        decoder.decode(new byte[] {0, 0, 1}),
        DecodeError.TRUNCATED,
        "payload of 3 bytes is shorter than the 5-byte header");
  }

  @Test
  void unregisteredSchemaIdIsUnknown() {
    assertFailure(
        decoder.decode(confluent(99, event("c", null, value(1, null)))),
        DecodeError.UNKNOWN_SCHEMA_ID,
        "schema id 99 is not in schema directory " + registry.location());
  }

  @Test
  void truncatedBodyIsMalformedAvro() {
    byte[] whole = confluent(1, event("c", null, value(1, "ada@example.com")));
    byte[] cut = Arrays.copyOf(whole, whole.length - 3);

    assertFailure(
        decoder.decode(cut),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: truncated, the " + cut.length + "-byte value ends mid-record");
  }

  @Test
  void bytesLeftOverAreMalformedAvro() {
    byte[] whole = confluent(1, event("c", null, value(1, null)));
    byte[] longer = Arrays.copyOf(whole, whole.length + 2);

    assertFailure(
        decoder.decode(longer),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: 2 bytes left over after the record, which ends at byte " + whole.length);
  }

  @Test
  void nullValueIsATombstone() {
    assertFailure(decoder.decode(null), DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
  }

  @Test
  void sourceFillsTimestampSequenceFields() {
    DebeziumAvroDecoder timestamps =
        new DebeziumAvroDecoder(
            List.of(
                new FieldSpec("id", FieldType.LONG, true),
                new FieldSpec("source_ts_ms", FieldType.TIMESTAMP, true),
                new FieldSpec("source_lsn", FieldType.LONG, true)),
            List.of("id"),
            registry);

    DecodeResult result = timestamps.decode(confluent(1, event("c", null, value(1, null))));

    assertThat(result.values()).containsExactly(1L, Instant.ofEpochMilli(TS_MS), LSN);
  }

  @Test
  void requiredSourceFieldThatSourceLacksIsMissing() {
    DebeziumAvroDecoder strict =
        new DebeziumAvroDecoder(
            List.of(
                new FieldSpec("id", FieldType.LONG, true),
                new FieldSpec("source_lsn", FieldType.LONG, true)),
            List.of("id"),
            registry);
    GenericRecord event = event("c", null, value(1, null));
    event.put("source", source(null));

    assertFailure(
        strict.decode(confluent(1, event)),
        DecodeError.MISSING_FIELD,
        "required field 'source_lsn' is missing (from the row and from source.lsn)");
  }

  @Test
  void deleteDoesWithoutASourceFieldSourceLacks() {
    GenericRecord event = event("d", value(7, null), null);
    event.put("source", source(null));

    DecodeResult result = decode(event);

    assertThat(result.deleted()).isTrue();
    assertThat(result.values()).containsExactly(7L, null, null, TS_MS, null);
  }

  @Test
  void datasetFieldTheRowLacksIsNullOrMissing() {
    List<FieldSpec> optional =
        List.of(
            new FieldSpec("id", FieldType.LONG, true),
            new FieldSpec("nickname", FieldType.STRING, false));
    List<FieldSpec> required =
        List.of(
            new FieldSpec("id", FieldType.LONG, true),
            new FieldSpec("nickname", FieldType.STRING, true));
    byte[] create = confluent(1, event("c", null, value(1, null)));

    assertThat(new DebeziumAvroDecoder(optional, List.of("id"), registry).decode(create).values())
        .containsExactly(1L, null);
    assertFailure(
        new DebeziumAvroDecoder(required, List.of("id"), registry).decode(create),
        DecodeError.MISSING_FIELD,
        "required field 'nickname' is missing");
  }

  @Test
  void requiredFieldThatIsNullIsMissing() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("id", FieldType.LONG, true),
            new FieldSpec("email", FieldType.STRING, true));

    assertFailure(
        new DebeziumAvroDecoder(fields, List.of("id"), registry)
            .decode(confluent(1, event("c", null, value(1, null)))),
        DecodeError.MISSING_FIELD,
        "required field 'email' is null");
  }

  @Test
  void fieldsAreMatchedByNameNotPosition() {
    List<FieldSpec> reordered =
        List.of(
            new FieldSpec("created", FieldType.DATE, true),
            new FieldSpec("email", FieldType.STRING, false),
            new FieldSpec("id", FieldType.LONG, true));

    assertThat(
            new DebeziumAvroDecoder(reordered, List.of("id"), registry)
                .decode(confluent(1, event("c", null, value(3, "c@x.io"))))
                .values())
        .containsExactly(CREATED, "c@x.io", 3L);
  }

  @Test
  void writerTypeThatDiffersFromTheDatasetIsIncompatible() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("id", FieldType.STRING, true),
            new FieldSpec("created", FieldType.TIMESTAMP, false));

    assertFailure(
        new DebeziumAvroDecoder(fields, List.of("id"), registry)
            .decode(confluent(1, event("c", null, value(1, null)))),
        DecodeError.INCOMPATIBLE_SCHEMA,
        "schema id 1 is incompatible with the dataset: field 'id' is string in the configuration"
            + " but long in the Avro writer schema; field 'created' is timestamp in the"
            + " configuration but date in the Avro writer schema");
  }

  @Test
  void intColumnPromotesToALongField() {
    Schema intIds =
        schema(
            ENVELOPE_JSON.replace(
                "{\"name\": \"id\", \"type\": \"long\"}", "{\"name\": \"id\", \"type\": \"int\"}"));
    registerAs(5, intIds);
    Schema value = intIds.getField("after").schema().getTypes().get(1);
    GenericRecord after =
        new GenericRecordBuilder(value).set("id", 42).set("created", CREATED).build();
    GenericRecord event =
        new GenericRecordBuilder(intIds)
            .set("after", after)
            .set("source", sourceOf(intIds, LSN))
            .set("op", "c")
            .build();

    assertThat(decoder.decode(confluent(5, event)).values())
        .containsExactly(42L, null, CREATED, TS_MS, LSN);
  }

  @Test
  void schemaThatIsNotARecordIsNotAChangeEvent() {
    registerAs(6, Schema.create(Schema.Type.STRING));

    assertFailure(
        decoder.decode(framed(6, new byte[] {2, 'x'})),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "schema id 6 is Avro string, not a change event record");
  }

  @Test
  void keyFieldMustBeADatasetField() {
    assertThatThrownBy(() -> new DebeziumAvroDecoder(FIELDS, List.of("user_id"), registry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key field 'user_id' is not one of the dataset's fields");
  }

  @Test
  void decodesAfterJavaSerialization() throws Exception {
    decode(event("c", null, value(1, null)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(decoder);
    }
    DebeziumAvroDecoder copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (DebeziumAvroDecoder) in.readObject();
    }

    assertThat(copy.decode(confluent(1, event("u", null, value(9, "z@x.io")))).values())
        .containsExactly(9L, "z@x.io", CREATED, TS_MS, LSN);
  }

  @Test
  void garbageNeverThrows() {
    java.util.Random random = new java.util.Random(7);
    byte[] good = confluent(1, event("u", value(1, "a@b.c"), value(1, "d@e.f")));
    for (int i = 0; i < 2_000; i++) {
      byte[] mutated = good.clone();
      for (int j = 0; j < 3; j++) {
        mutated[5 + random.nextInt(mutated.length - 5)] = (byte) random.nextInt(256);
      }
      DecodeResult result = decoder.decode(mutated);
      assertThat(result).isNotNull();
    }
  }

  private void registerAs(int id, Schema schema) {
    try {
      Files.writeString(schemas.resolve(id + ".avsc"), schema.toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static GenericRecord sourceOf(Schema envelope, Long lsn) {
    GenericRecord source = new GenericData.Record(envelope.getField("source").schema());
    GenericRecord standard = source(lsn);
    for (Schema.Field field : SOURCE.getFields()) {
      source.put(field.name(), standard.get(field.name()));
    }
    return source;
  }
}
