package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroRecordDecoderTest.assertFailure;
import static io.splitflow.deserialize.decode.avro.AvroTestData.DATE;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.confluent;
import static io.splitflow.deserialize.decode.avro.AvroTestData.reading;
import static io.splitflow.deserialize.decode.avro.AvroTestData.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.registry.DirectorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers whose schema differs from the reader's: Avro's resolution decides. */
class ConfluentSchemaEvolutionTest {

  private static final String READER_WITH_SITE =
      """
      {"type": "record", "name": "Reading", "fields": [
        {"name": "sensor_id", "type": "string"},
        {"name": "site", "type": "string", "default": "unknown"},
        {"name": "n", "type": "int"}
      ]}
      """;

  @TempDir Path schemas;

  @Test
  void writerThatAddedAFieldWithADefaultStillDecodes() throws IOException {
    Schema writer =
        register(
            2,
            """
            {"type": "record", "name": "Reading", "namespace": "io.splitflow.test", "fields": [
              {"name": "sensor_id", "type": "string"},
              {"name": "unit", "type": "string", "default": "celsius"},
              {"name": "reading_date", "type": {"type": "int", "logicalType": "date"}},
              {"name": "n", "type": ["null", "int"], "default": null}
            ]}
            """);
    byte[] value =
        confluent(
            2,
            new GenericRecordBuilder(writer)
                .set("sensor_id", "s-1")
                .set("unit", "kelvin")
                .set("reading_date", DATE)
                .set("n", 7)
                .build());

    assertThat(decoder(READING.toString()).decode(value).values())
        .containsExactly("s-1", DATE, null, null, null, 7, null, null);
  }

  @Test
  void fieldTheWriterLacksTakesTheReaderDefault() throws IOException {
    Schema writer =
        register(
            3,
            """
            {"type": "record", "name": "Reading", "fields": [
              {"name": "sensor_id", "type": "string"},
              {"name": "n", "type": "int"}
            ]}
            """);
    byte[] value =
        confluent(3, new GenericRecordBuilder(writer).set("sensor_id", "s-1").set("n", 7).build());

    assertThat(decoder(READER_WITH_SITE).decode(value).values())
        .containsExactly("s-1", "unknown", 7);
  }

  @Test
  void recordsOfSeveralWriterSchemasInterleave() throws IOException {
    Files.writeString(schemas.resolve("1.avsc"), READING.toString());
    Schema older =
        register(
            4,
            """
            {"type": "record", "name": "Reading", "fields": [
              {"name": "sensor_id", "type": "string"},
              {"name": "reading_date", "type": {"type": "int", "logicalType": "date"}}
            ]}
            """);
    ConfluentAvroDecoder decoder = decoder(READING.toString());
    byte[] old =
        confluent(
            4,
            new GenericRecordBuilder(older)
                .set("sensor_id", "s-0")
                .set("reading_date", DATE)
                .build());

    for (int i = 0; i < 3; i++) {
      assertThat(decoder.decode(confluent(1, reading())).values())
          .containsExactly(AvroTestData.readingValues());
      assertThat(decoder.decode(old).values())
          .containsExactly("s-0", DATE, null, null, null, null, null, null);
    }
  }

  @Test
  void writerWithAStringWhereTheReaderWantsAnIntIsIncompatible() throws IOException {
    Schema writer =
        register(
            5,
            """
            {"type": "record", "name": "Reading", "fields": [
              {"name": "sensor_id", "type": "string"},
              {"name": "n", "type": "string"}
            ]}
            """);
    byte[] value =
        confluent(
            5, new GenericRecordBuilder(writer).set("sensor_id", "s-1").set("n", "seven").build());

    assertFailure(
        decoder(READER_WITH_SITE).decode(value),
        DecodeError.INCOMPATIBLE_SCHEMA,
        "schema id 5 is incompatible with the reader schema: field 'n': reader type: INT not "
            + "compatible with writer type: STRING (Found string, expecting int)");
  }

  @Test
  void writerLackingAReaderFieldWithoutDefaultIsIncompatible() throws IOException {
    Schema writer =
        register(
            6,
            """
            {"type": "record", "name": "Reading", "fields": [{"name": "sensor_id", "type": "string"}]}
            """);
    byte[] value = confluent(6, new GenericRecordBuilder(writer).set("sensor_id", "s-1").build());

    assertFailure(
        decoder(READER_WITH_SITE).decode(value),
        DecodeError.INCOMPATIBLE_SCHEMA,
        "schema id 6 is incompatible with the reader schema: field 'n': the writer lacks it and "
            + "the reader gives no default (Found Reading, expecting Reading, missing required field n)");
  }

  @Test
  void writerThatMadeARequiredFieldNullableFailsOnlyTheRecordsWithNull() throws IOException {
    Schema writer =
        register(
            7,
            """
            {"type": "record", "name": "Reading", "fields": [
              {"name": "sensor_id", "type": "string"},
              {"name": "n", "type": ["null", "int"]}
            ]}
            """);
    ConfluentAvroDecoder decoder = decoder(READER_WITH_SITE);

    assertThat(
            decoder
                .decode(
                    confluent(
                        7,
                        new GenericRecordBuilder(writer)
                            .set("sensor_id", "s-1")
                            .set("n", 7)
                            .build()))
                .values())
        .containsExactly("s-1", "unknown", 7);
    assertFailure(
        decoder.decode(
            confluent(
                7,
                new GenericRecordBuilder(writer).set("sensor_id", "s-1").set("n", null).build())),
        DecodeError.INCOMPATIBLE_SCHEMA,
        "schema id 7 is incompatible with the reader schema: field 'n': reader type: INT not "
            + "compatible with writer type: NULL (Found null, expecting int)");
  }

  private Schema register(int id, String json) throws IOException {
    Files.writeString(schemas.resolve(id + ".avsc"), json);
    return schema(json);
  }

  private ConfluentAvroDecoder decoder(String readerSchema) {
    return new ConfluentAvroDecoder(
        readerSchema,
        AvroFieldMapping.fields(schema(readerSchema)),
        new DirectorySchemaRegistry(schemas.toString()));
  }
}
