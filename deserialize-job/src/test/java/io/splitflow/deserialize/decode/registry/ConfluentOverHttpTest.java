package io.splitflow.deserialize.decode.registry;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING_FIELDS;
import static io.splitflow.deserialize.decode.avro.AvroTestData.confluent;
import static io.splitflow.deserialize.decode.avro.AvroTestData.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.RegistrySettings.OnUnavailable;
import io.splitflow.common.job.PermanentException;
import io.splitflow.common.job.PermanentFailure;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.avro.AvroTestData;
import io.splitflow.deserialize.decode.avro.ConfluentAvroDecoder;
import io.splitflow.deserialize.decode.debezium.DebeziumAvroDecoder;
import java.io.IOException;
import java.util.List;
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

  @Test
  void unknownIdIsADeadLetterWhenOutagesDeadLetterToo() {
    DecodeResult result = decoder(OnUnavailable.DEAD_LETTER).decode(confluent(42, reading()));

    assertThat(result.error()).isEqualTo(DecodeError.UNKNOWN_SCHEMA_ID);
    assertThat(result.message())
        .isEqualTo("schema id 42 is not in the registry at " + server.url() + ": HTTP 404");
  }

  @Test
  void refusedCredentialsStopTheJobAndAreNotRememberedAsAMiss() {
    server.requireBasicAuth("splitflow", "s3cret");
    ConfluentAvroDecoder decoder = decoder();
    byte[] value = confluent(1, reading());

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> decoder.decode(value))
          .isInstanceOfSatisfying(
              PermanentException.class, e -> assertThat(e.key()).isEqualTo("registry.unauthorized"))
          .hasMessageStartingWith(
              "the schema registry at " + server.url() + " refused schema id 1 with HTTP 401");
    }
    // asked again each time: a miss would have made the next records dead letters
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void debeziumDecoderLetsRefusedCredentialsStopTheJob() {
    server.requireBasicAuth("splitflow", "s3cret");
    DebeziumAvroDecoder decoder =
        new DebeziumAvroDecoder(
            List.of(new FieldSpec("id", FieldType.LONG, true)),
            List.of("id"),
            new CachingSchemaRegistry(
                new HttpSchemaRegistry(server.url(), Optional.empty(), Optional.empty())));

    assertThatThrownBy(() -> decoder.decode(AvroTestData.framed(3, new byte[] {0})))
        .isInstanceOfSatisfying(
            PermanentException.class, e -> assertThat(e.key()).isEqualTo("registry.unauthorized"));
  }

  @Test
  void outageFailsTheBatchAndTheRecordsDecodeOnceTheRegistryIsBack() {
    server.failNext(HttpSchemaRegistry.ATTEMPTS, 503);
    ConfluentAvroDecoder decoder = decoder();
    byte[] value = confluent(1, reading());

    assertThatThrownBy(() -> decoder.decode(value))
        .isInstanceOf(RegistryUnavailableException.class)
        .isNotInstanceOf(PermanentFailure.class)
        .hasMessageContaining("is unreachable (HTTP 503 after 3 attempts); the batch fails");
    // the restarted batch: not a remembered miss, so the record decodes
    assertThat(decoder().decode(value).values()).containsExactly(AvroTestData.readingValues());
  }

  @Test
  void outageMakesDeadLettersWhenOutagesDeadLetter() {
    server.failNext(HttpSchemaRegistry.ATTEMPTS, 503);
    ConfluentAvroDecoder decoder = decoder(OnUnavailable.DEAD_LETTER);

    for (int i = 0; i < 100; i++) {
      DecodeResult result = decoder.decode(confluent(1, reading()));
      assertThat(result.error()).isEqualTo(DecodeError.UNKNOWN_SCHEMA_ID);
      assertThat(result.message())
          .isEqualTo(
              "schema id 1: the registry at "
                  + server.url()
                  + " is unreachable (HTTP 503 after 3 attempts)");
    }
    // remembered as a miss for a while, so an outage costs one round of attempts
    assertThat(server.requests()).isEqualTo(3);
  }

  private ConfluentAvroDecoder decoder() {
    return decoder(OnUnavailable.FAIL);
  }

  private ConfluentAvroDecoder decoder(OnUnavailable mode) {
    return new ConfluentAvroDecoder(
        READING.toString(),
        READING_FIELDS,
        new CachingSchemaRegistry(
            new HttpSchemaRegistry(
                server.url(),
                Optional.empty(),
                Optional.empty(),
                HttpRegistryOptions.DEFAULT.with(mode))));
  }
}
