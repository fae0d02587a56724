package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroRecordDecoderTest.assertFailure;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING_FIELDS;
import static io.splitflow.deserialize.decode.avro.AvroTestData.confluent;
import static io.splitflow.deserialize.decode.avro.AvroTestData.framed;
import static io.splitflow.deserialize.decode.avro.AvroTestData.minimalReading;
import static io.splitflow.deserialize.decode.avro.AvroTestData.reading;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.registry.DirectorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Confluent wire format with schemas from a directory: framing, ids and bodies. */
class ConfluentAvroDecoderTest {

  @TempDir Path schemas;
  private ConfluentAvroDecoder decoder;

  @BeforeEach
  void registerTheReadingSchemaAsId1() throws IOException {
    Files.writeString(schemas.resolve("1.avsc"), READING.toString());
    decoder =
        new ConfluentAvroDecoder(
            READING.toString(), READING_FIELDS, new DirectorySchemaRegistry(schemas.toString()));
  }

  @Test
  void decodesEveryTypeWrittenWithARegisteredSchema() {
    assertThat(decoder.decode(confluent(1, reading())).values())
        .containsExactly(AvroTestData.readingValues());
  }

  @Test
  void optionalFieldsMayBeNull() {
    assertThat(decoder.decode(confluent(1, minimalReading().build())).values())
        .containsExactly("s-1", AvroTestData.DATE, null, null, null, null, null, null);
  }

  @Test
  void requiredFieldThatIsNullIsMissing() {
    ConfluentAvroDecoder strict =
        new ConfluentAvroDecoder(
            READING.toString(),
            AvroRecordDecoderTest.requiring("active"),
            new DirectorySchemaRegistry(schemas.toString()));

    assertFailure(
        strict.decode(confluent(1, minimalReading().build())),
        DecodeError.MISSING_FIELD,
        "required field 'active' is null");
  }

  @Test
  void valueNotStartingWithTheMagicByteIsRefused() {
    assertFailure(
        decoder.decode("{\"sensor_id\":\"s-1\"}".getBytes(UTF_8)),
        DecodeError.BAD_MAGIC_BYTE,
        "expected magic byte 0, found 0x7b");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void valueShorterThanTheHeaderIsTruncated(int length) {
    assertFailure(
        decoder.decode(new byte[length]),
        DecodeError.TRUNCATED,
        "payload of " + length + " bytes is shorter than the 5-byte header");
  }

  @Test
  void schemaIdNotInTheDirectoryIsUnknown() {
    assertFailure(
        decoder.decode(confluent(42, reading())),
        DecodeError.UNKNOWN_SCHEMA_ID,
        "schema id 42 is not in schema directory " + schemas.toAbsolutePath());
  }

  @Test
  void headerWithoutABodyIsMalformed() {
    assertFailure(
        decoder.decode(framed(1, new byte[0])),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: truncated, the 5-byte value ends mid-record");
  }

  @Test
  void truncatedBodyIsMalformedCountingFromTheStartOfTheValue() {
    byte[] cut = Arrays.copyOf(confluent(1, reading()), 7);

    assertFailure(
        decoder.decode(cut),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: a string of 3 bytes at byte 6 does not fit in the 7-byte value");
  }

  @Test
  void bytesAfterTheRecordAreMalformed() {
    byte[] value = confluent(1, minimalReading().build());
    byte[] longer = Arrays.copyOf(value, value.length + 1);

    assertFailure(
        decoder.decode(longer),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: 1 byte left over after the record, which ends at byte " + value.length);
  }

  @Test
  void garbageBodyIsMalformed() {
    assertFailure(
        decoder.decode(framed(1, new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, 0x7f})),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: a string of 134217727 bytes at byte 9 does not fit in the 9-byte value");
  }

  @Test
  void nullValueIsATombstone() {
    assertFailure(decoder.decode(null), DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
  }

  @Test
  void decoderDecodesAfterJavaSerialization() throws Exception {
    decoder.decode(confluent(1, reading()));

    RecordDecoder copy = AvroDecoderConfigurationTest.roundTrip(decoder);

    assertThat(copy.decode(confluent(1, reading())).values())
        .containsExactly(AvroTestData.readingValues());
  }
}
