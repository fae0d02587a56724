package io.splitflow.deserialize.decode;

import static io.splitflow.deserialize.decode.Records.json;
import static io.splitflow.deserialize.decode.Records.withRawBytes;
import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values that are not a JSON object: tombstones, empty or broken input, other encodings, other top
 * levels.
 */
class JsonRecordDecoderMalformedTest {

  private static final String VALID = "{'sensor_id':'s-1','reading_date':'2026-11-27'}";

  private final JsonRecordDecoder decoder = Records.decoder();

  @Test
  void nullValueIsATombstone() {
    assertFailure(decoder.decode(null), DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", " \t\r\n "})
  void emptyOrBlankValueIsMalformed(String value) {
    assertFailure(
        decoder.decode(value.getBytes(UTF_8)), DecodeError.MALFORMED_JSON, "value is empty");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'sensor_id':'s-1'} x | Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token "
            + "'null', 'true' or 'false')",
        "{'sensor_id':'s-1'}{'sensor_id':'s-2'} | Trailing token (of type START_OBJECT) found after the top-level value",
        "{'sensor_id':'s-1'}  null              | Trailing token (of type VALUE_NULL) found after the top-level value",
        "{'value':NaN}                          | Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` "
            + "to allow",
        "{'value':-Infinity}                    | Non-standard token '-Infinity': enable "
            + "`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow",
        "{'n':01}                               | Invalid numeric value: Leading zeroes not allowed",
        "{'n':1,}                               | Unexpected character ('}' (code 125)): was expecting double-quote "
            + "to start field name",
        "{sensor_id:1}                          | Unexpected character ('s' (code 115)): was expecting double-quote "
            + "to start field name",
        "[1,2                                   | Unexpected end-of-input: expected close marker for Array (start marker "
            + "at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"
      })
  void unparseableJsonIsMalformedWithJacksonsMessage(String value, String jacksonMessage) {
    assertFailure(
        decoder.decode(json(value)),
        DecodeError.MALFORMED_JSON,
        "malformed JSON: " + jacksonMessage);
  }

  @Test
  void malformedJsonStopsAtTheFirstProblem() {
    DecodeResult result = decoder.decode(json("{'sensor_id':123,'n':1.5,'value':"));

    assertThat(result.error()).isEqualTo(DecodeError.MALFORMED_JSON);
    assertThat(result.message())
        .startsWith("malformed JSON: Unexpected end-of-input")
        .doesNotContain("sensor_id");
  }

  @Test
  void invalidUtf8IsMalformedWithJacksonsMessage() {
    byte[] value = withRawBytes("{\"sensor_id\":\"%\",\"reading_date\":\"2026-11-27\"}", 0xff);

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_JSON,
        "malformed JSON: Invalid UTF-8 start byte 0xff");
  }

  @Test
  void overlongUtf8ThatJacksonAcceptsIsMalformed() {
    byte[] value =
        withRawBytes("{\"sensor_id\":\"%\",\"reading_date\":\"2026-11-27\"}", 0xc0, 0x80);

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_JSON,
        "malformed JSON: invalid UTF-8 sequence at offset 14 (byte 0xc0)");
  }

  @Test
  void encodedSurrogateInASkippedValueIsMalformed() {
    byte[] value =
        withRawBytes(
            "{\"x\":\"%\",\"sensor_id\":\"s\",\"reading_date\":\"2026-11-27\"}", 0xed, 0xa0, 0x80);

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_JSON,
        "malformed JSON: invalid UTF-8 sequence at offset 6 (byte 0xed)");
  }

  @Test
  void codePointBeyondUnicodeIsMalformed() {
    byte[] value =
        withRawBytes(
            "{\"sensor_id\":\"%\",\"reading_date\":\"2026-11-27\"}", 0xf4, 0x90, 0x80, 0x80);

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_JSON,
        "malformed JSON: invalid UTF-8 sequence at offset 14 (byte 0xf4)");
  }

  @Test
  void utf16IsMalformedThoughJacksonCouldReadIt() {
    byte[] value = VALID.replace('\'', '"').getBytes(UTF_16);

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_JSON,
        "malformed JSON: invalid UTF-8 sequence at offset 0 (byte 0xfe)");
  }

  @Test
  void utf16WithoutByteOrderMarkIsMalformed() {
    byte[] value = VALID.replace('\'', '"').getBytes(UTF_16BE);

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_JSON,
        "malformed JSON: NUL byte at offset 0 (the value must be UTF-8 JSON)");
  }

  @Test
  void multiByteUtf8IsDecoded() {
    DecodeResult result =
        decoder.decode(json("{'sensor_id':'капля-💧-é-€','reading_date':'2026-11-27'}"));

    assertThat(result.values()[0]).isEqualTo("капля-💧-é-€");
  }

  @Test
  void utf8ByteOrderMarkIsSkippedAsJsonAllows() {
    byte[] value = withRawBytes("%" + VALID.replace('\'', '"'), 0xef, 0xbb, 0xbf);

    assertThat(decoder.decode(value).values()).startsWith("s-1");
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "[{'sensor_id':'s-1'}] | array",
        "'{}'                  | string",
        "42                    | number",
        "-1.5e3                | number",
        "true                  | boolean",
        "null                  | null"
      })
  void topLevelValueThatIsNotAnObjectIsReportedAsSuch(String value, String kind) {
    assertFailure(
        decoder.decode(json(value)),
        DecodeError.NOT_AN_OBJECT,
        "expected a JSON object, found " + kind);
  }

  @Test
  void truncatedTopLevelArrayIsMalformedRatherThanNotAnObject() {
    assertThat(decoder.decode(json("['a',")).error()).isEqualTo(DecodeError.MALFORMED_JSON);
  }

  @Test
  void excessiveNestingIsMalformedRatherThanACrash() {
    String deep = "[".repeat(5000) + "]".repeat(5000);

    DecodeResult result =
        decoder.decode(json("{'sensor_id':'s-1','reading_date':'2026-11-27','x':" + deep + "}"));

    assertThat(result.error()).isEqualTo(DecodeError.MALFORMED_JSON);
    assertThat(result.message()).startsWith("malformed JSON: Document nesting depth");
  }

  @Test
  void damagedRecordsNeverThrow() {
    byte[] valid =
        json(
            "{'sensor_id':'s-1','reading_date':'2026-11-27','read_at':'2026-11-27T08:15:30Z',"
                + "'value':21.5,'ratio':0.25,'n':42,'seq':9876543210,'active':true,'tags':['a',{'b':[1,2]}],'é':'ü'}");
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] damaged = valid.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      byte[] value =
          random.nextBoolean() ? damaged : Arrays.copyOf(damaged, random.nextInt(damaged.length));

      DecodeResult result = decoder.decode(value);

      assertThat(result.ok() || result.message() != null).isTrue();
    }
  }

  private static void assertFailure(DecodeResult result, DecodeError error, String message) {
    assertThat(result.ok()).isFalse();
    assertThat(result.values()).isNull();
    assertThat(result.error()).isEqualTo(error);
    assertThat(result.message()).isEqualTo(message);
  }
}
