package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING_FIELDS;
import static io.splitflow.deserialize.decode.avro.AvroTestData.framed;
import static io.splitflow.deserialize.decode.avro.AvroTestData.minimalReading;
import static io.splitflow.deserialize.decode.avro.AvroTestData.plain;
import static io.splitflow.deserialize.decode.avro.AvroTestData.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.RecordDecoder;
import io.splitflow.deserialize.decode.registry.CachingSchemaRegistry;
import io.splitflow.deserialize.decode.registry.DirectorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the bytes, a decoder gives typed values or a failure that says why; it never throws. */
class AvroDecodersNeverThrowTest {

  private static final int VALUES = 20_000;
  private static final byte[][] VALID = {plain(reading()), plain(minimalReading().build())};

  @TempDir Path schemas;

  @Test
  void randomAndMangledBytesNeverThrow() throws IOException {
    Files.writeString(schemas.resolve("1.avsc"), READING.toString());
    RecordDecoder confluent =
        new ConfluentAvroDecoder(
            READING.toString(),
            READING_FIELDS,
            new CachingSchemaRegistry(new DirectorySchemaRegistry(schemas.toString())));
    RecordDecoder plain = new AvroRecordDecoder(READING.toString(), READING_FIELDS);
    Random random = new Random(20_261_127);
    Map<String, Integer> outcomes = new TreeMap<>();

    for (int i = 0; i < VALUES; i++) {
      byte[] body = i % 2 == 0 ? randomBytes(random, 48) : mangled(random);
      byte[] value =
          switch (i % 5) {
            case 0, 1 -> framed(1, body);
            case 2 -> framed(random.nextInt(4), body);
            case 3 -> body;
            default -> randomBytes(random, 5);
          };
      outcomes.merge("confluent " + outcome(check(confluent, value)), 1, Integer::sum);
      outcomes.merge("plain " + outcome(check(plain, body)), 1, Integer::sum);
    }

    assertThat(outcomes)
        .containsKeys(
            "confluent ok",
            "confluent MALFORMED_AVRO",
            "confluent BAD_MAGIC_BYTE",
            "confluent TRUNCATED",
            "confluent UNKNOWN_SCHEMA_ID",
            "plain ok",
            "plain MALFORMED_AVRO");
  }

  private static DecodeResult check(RecordDecoder decoder, byte[] value) {
    DecodeResult result;
    try {
      result = decoder.decode(value);
    } catch (RuntimeException e) {
      throw new AssertionError("decoding " + HexFormat.of().formatHex(value) + " threw", e);
    }
    if (result.ok()) {
      for (int i = 0; i < READING_FIELDS.size(); i++) {
        Object v = result.values()[i];
        if (v == null
            ? READING_FIELDS.get(i).required()
            : !javaType(READING_FIELDS.get(i).type()).isInstance(v)) {
          fail(
              "decoding %s gave %s for field %s",
              HexFormat.of().formatHex(value), v, READING_FIELDS.get(i));
        }
      }
    } else {
      assertThat(result.message())
          .as("message for %s", HexFormat.of().formatHex(value))
          .isNotBlank();
    }
    return result;
  }

  private static String outcome(DecodeResult result) {
    return result.ok() ? "ok" : result.error().name();
  }

  private static byte[] randomBytes(Random random, int maxLength) {
    byte[] bytes = new byte[random.nextInt(maxLength + 1)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A valid record with a few bytes changed, cut short or lengthened. */
  private static byte[] mangled(Random random) {
    byte[] valid = VALID[random.nextInt(VALID.length)];
    byte[] bytes = Arrays.copyOf(valid, valid.length + random.nextInt(5) - 2);
    for (int changes = random.nextInt(3); changes > 0 && bytes.length > 0; changes--) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static Class<?> javaType(FieldType type) {
    return switch (type.scalar()) {
      case STRING -> String.class;
      case INT -> Integer.class;
      case LONG -> Long.class;
      case FLOAT -> Float.class;
      case DOUBLE -> Double.class;
      case BOOLEAN -> Boolean.class;
      case DATE -> LocalDate.class;
      case TIMESTAMP -> Instant.class;
      // not types of Avro fields
      case SHORT, BYTE, BINARY, TIMESTAMP_NTZ -> throw new IllegalStateException(type.typeName());
    };
  }
}
