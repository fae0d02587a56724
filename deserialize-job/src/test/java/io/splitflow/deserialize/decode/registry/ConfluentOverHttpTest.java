package io.splitflow.deserialize.decode.registry;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING_FIELDS;
import static io.splitflow.deserialize.decode.avro.AvroTestData.confluent;
import static io.splitflow.deserialize.decode.avro.AvroTestData.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.avro.AvroTestData;
import io.splitflow.deserialize.decode.avro.ConfluentAvroDecoder;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decoder with the cached HTTP registry it runs with in production. */
class ConfluentOverHttpTest {

  private RegistryServer server;

  @BeforeEach
  void start() throws IOException {
    server = RegistryServer.start().register(1, READING);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void thousandRecordsOfOneIdCostOneRequestAcrossDecoders() {
    byte[] value = confluent(1, reading());

    for (int task = 0; task < 2; task++) {
      ConfluentAvroDecoder decoder = decoder();
      for (int i = 0; i < 500; i++) {
        assertThat(decoder.decode(value).values()).containsExactly(AvroTestData.readingValues());
      }
    }

    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void thousandRecordsOfAnUnknownIdCostOneRequest() {
    ConfluentAvroDecoder decoder = decoder();
    byte[] value = confluent(42, reading());

    for (int i = 0; i < 1_000; i++) {
      DecodeResult result = decoder.decode(value);
      assertThat(result.error()).isEqualTo(DecodeError.UNKNOWN_SCHEMA_ID);
      assertThat(result.message())
          .isEqualTo("schema id 42 is not in the registry at " + server.url() + ": HTTP 404");
    }
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void credentialsReachTheRegistry() {
    server.requireBasicAuth("splitflow", "s3cret");
    ConfluentAvroDecoder decoder =
        new ConfluentAvroDecoder(
            READING.toString(),
            READING_FIELDS,
            new CachingSchemaRegistry(
                new HttpSchemaRegistry(
                    server.url(), Optional.of("splitflow"), Optional.of("s3cret"))));

    assertThat(decoder.decode(confluent(1, reading())).ok()).isTrue();
  }

  private ConfluentAvroDecoder decoder() {
    return new ConfluentAvroDecoder(
        READING.toString(),
        READING_FIELDS,
        new CachingSchemaRegistry(
            new HttpSchemaRegistry(server.url(), Optional.empty(), Optional.empty())));
  }
}
