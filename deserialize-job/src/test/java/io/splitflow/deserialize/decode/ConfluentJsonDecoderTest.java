package io.splitflow.deserialize.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The Confluent JSON Schema wire format: the header comes off, the strict JSON decoder reads on.
 */
class ConfluentJsonDecoderTest {

  private static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.LONG, true),
          new FieldSpec("customer", FieldType.parse("struct<name: string>"), false));

  private final ConfluentJsonDecoder decoder =
      new ConfluentJsonDecoder(new JsonRecordDecoder(FIELDS, UnknownFieldPolicy.IGNORE));

  private static byte[] framed(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] value = new byte[5 + body.length];
    value[1] = 1;
    value[4] = 2;
    System.arraycopy(body, 0, value, 5, body.length);
    return value;
  }

  @Test
  void decodesTheJsonAfterTheHeader() {
    DecodeResult result = decoder.decode(framed("{\"id\":7,\"customer\":{\"name\":\"Ada\"}}"));

    assertThat(result.values()).containsExactly(7L, RowFactory.create("Ada"));
  }

  @Test
  void theJsonIsReadAsStrictlyAsFormatJsonReadsIt() {
    DecodeResult result = decoder.decode(framed("{\"id\":7,\"customer\":{\"name\":3}}"));

    assertThat(result.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(result.message())
        .isEqualTo("field 'customer.name': expected string, found number 3");
    assertThat(decoder.decode(framed("{\"id\":")).error()).isEqualTo(DecodeError.MALFORMED_JSON);
  }

  @Test
  void jsonWithoutTheHeaderHasABadMagicByte() {
    DecodeResult result = decoder.decode("{\"id\":7}".getBytes(StandardCharsets.UTF_8));

    assertThat(result.error()).isEqualTo(DecodeError.BAD_MAGIC_BYTE);
    assertThat(result.message()).isEqualTo("expected magic byte 0, found 0x7b");
  }

  @Test
  void aValueShorterThanTheHeaderIsTruncated() {
    DecodeResult result = decoder.decode(new byte[] {0, 0});

    assertThat(result.error()).isEqualTo(DecodeError.TRUNCATED);
    assertThat(result.message()).isEqualTo("payload of 2 bytes is shorter than the 5-byte header");
  }
}
