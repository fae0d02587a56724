package io.splitflow.deserialize.decode;

import static io.splitflow.deserialize.decode.Records.withField;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each schema type takes exactly its JSON type and text format, with no coercion. */
class JsonRecordDecoderTypeTest {

  private final JsonRecordDecoder decoder = Records.decoder();

  @ParameterizedTest(name = "{0}: {1} is accepted")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "n      | 2147483647             | 2147483647",
        "n      | -2147483648            | -2147483648",
        "n      | -0                     | 0",
        "seq    | 9223372036854775807    | 9223372036854775807",
        "seq    | -9223372036854775808   | -9223372036854775808",
        "value  | 42                     | 42.0",
        "value  | -1.5e-3                | -0.0015",
        "value  | 1.7976931348623157E308 | 1.7976931348623157E308",
        "ratio  | 3.4028235e38           | 3.4028235E38",
        "ratio  | 7                      | 7.0",
        "active | false                  | false"
      })
  void numbersAndBooleansWithinRangeAreAccepted(String field, String json, String expected) {
    int position = Records.SCHEMA.stream().map(f -> f.name()).toList().indexOf(field);

    DecodeResult result = decoder.decode(withField(field, json));

    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(String.valueOf(result.values()[position])).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "sensor_id | 123          | field 'sensor_id': expected string, found number 123",
        "sensor_id | {'a':1}      | field 'sensor_id': expected string, found object",
        "sensor_id | [1,2]        | field 'sensor_id': expected string, found array",
        "sensor_id | true         | field 'sensor_id': expected string, found boolean true",
        "n         | 1.5          | field 'n': expected int, found number 1.5",
        "n         | 1.0          | field 'n': expected int, found number 1.0",
        "n         | 1e2          | field 'n': expected int, found number 1e2",
        "n         | '7'          | field 'n': expected int, found string \"7\"",
        "seq       | 2.5          | field 'seq': expected long, found number 2.5",
        "value     | 'abc'        | field 'value': expected double, found string \"abc\"",
        "value     | '1.5'        | field 'value': expected double, found string \"1.5\"",
        "ratio     | false        | field 'ratio': expected float, found boolean false",
        "active    | 'true'       | field 'active': expected boolean, found string \"true\"",
        "active    | 1            | field 'active': expected boolean, found number 1",
        "read_at   | 1764231330   | field 'read_at': expected an ISO-8601 timestamp (e.g. 2026-11-27T08:15:30Z), "
            + "found number 1764231330"
      })
  void valuesOfAnotherJsonTypeAreWrongType(String field, String json, String message) {
    DecodeResult result = decoder.decode(withField(field, json.replace('\'', '"')));

    assertThat(result.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(result.message()).isEqualTo(message);
    assertThat(result.values()).isNull();
  }

  @Test
  void integerBeyondIntRangeIsOutOfRange() {
    DecodeResult result = decoder.decode(withField("n", "3000000000"));

    assertThat(result.error()).isEqualTo(DecodeError.OUT_OF_RANGE);
    assertThat(result.message()).isEqualTo("field 'n': 3000000000 is out of range for int");
  }

  @Test
  void integerBeyondLongRangeIsOutOfRange() {
    DecodeResult result = decoder.decode(withField("seq", "-9223372036854775809"));

    assertThat(result.error()).isEqualTo(DecodeError.OUT_OF_RANGE);
    assertThat(result.message())
        .isEqualTo("field 'seq': -9223372036854775809 is out of range for long");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "value | 1e400      | field 'value': 1e400 is out of range for double",
        "value | -2E+308    | field 'value': -2E+308 is out of range for double",
        "ratio | 3.5e38     | field 'ratio': 3.5e38 is out of range for float",
        "ratio | -1e39      | field 'ratio': -1e39 is out of range for float"
      })
  void numbersOverflowingToInfinityAreOutOfRange(String field, String json, String message) {
    DecodeResult result = decoder.decode(withField(field, json));

    assertThat(result.error()).isEqualTo(DecodeError.OUT_OF_RANGE);
    assertThat(result.message()).isEqualTo(message);
  }

  @Test
  void integerTooLongForADoubleIsOutOfRange() {
    String huge = "1" + "0".repeat(400);

    DecodeResult result = decoder.decode(withField("value", huge));

    assertThat(result.error()).isEqualTo(DecodeError.OUT_OF_RANGE);
    assertThat(result.message())
        .isEqualTo("field 'value': " + huge.substring(0, 60) + "... is out of range for double");
  }

  @Test
  void dateInIsoFormatIsALocalDate() {
    DecodeResult result = decoder.decode(withField("reading_date", "\"2024-02-29\""));

    assertThat(result.values()[1]).isEqualTo(LocalDate.of(2024, 2, 29));
  }

  @Test
  void dateInAnotherFormatIsWrongType() {
    DecodeResult result = decoder.decode(withField("reading_date", "\"27/11/2026\""));

    assertThat(result.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(result.message())
        .isEqualTo(
            "field 'reading_date': expected an ISO-8601 date (yyyy-MM-dd), found string \"27/11/2026\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-29",
        "2026-13-01",
        "2026-11-31",
        "2026-1-05",
        "+12026-11-27",
        "2026-11-27T08:15:30Z",
        "2026-11-27 ",
        "２０２６-11-27",
        ""
      })
  void impossibleOrNonIsoDatesAreWrongType(String text) {
    DecodeResult result = decoder.decode(withField("reading_date", "\"" + text + "\""));

    assertThat(result.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(result.message())
        .isEqualTo(
            "field 'reading_date': expected an ISO-8601 date (yyyy-MM-dd), found string \""
                + text
                + "\"");
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "2026-11-27T08:15:30Z,          2026-11-27T08:15:30Z",
    "2026-11-27T08:15:30.123+01:00, 2026-11-27T07:15:30.123Z",
    "2026-11-27T08:15:30-05:30,     2026-11-27T13:45:30Z",
    "2026-11-27T08:15:30,           2026-11-27T08:15:30Z",
    "2026-11-27T08:15:30.123456789, 2026-11-27T08:15:30.123456789Z",
    "2026-11-27t08:15:30z,          2026-11-27T08:15:30Z"
  })
  void isoTimestampsAreInstantsAndUtcWithoutAnOffset(String text, String expected) {
    DecodeResult result = decoder.decode(withField("read_at", "\"" + text + "\""));

    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.values()[2]).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-27",
        "2026-11-27 08:15:30Z",
        "27/11/2026 08:15",
        "2026-11-27T25:00:00Z",
        "2026-11-27T08:15:30+0100",
        "2026-11-27T08:15:30Z[Europe/Paris]"
      })
  void timestampsThatAreNotIsoDateTimesAreWrongType(String text) {
    DecodeResult result = decoder.decode(withField("read_at", "\"" + text + "\""));

    assertThat(result.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(result.message())
        .isEqualTo(
            "field 'read_at': expected an ISO-8601 timestamp (e.g. 2026-11-27T08:15:30Z), "
                + "found string \""
                + text
                + "\"");
  }

  @Test
  void foundTextOverSixtyCharactersIsCutShort() {
    String text = "x".repeat(61);

    DecodeResult result = decoder.decode(withField("value", "\"" + text + "\""));

    assertThat(result.message())
        .isEqualTo("field 'value': expected double, found string \"" + "x".repeat(60) + "...\"");
  }

  @Test
  void foundTextOfSixtyCharactersIsQuotedWhole() {
    String text = "y".repeat(60);

    DecodeResult result = decoder.decode(withField("value", "\"" + text + "\""));

    assertThat(result.message())
        .isEqualTo("field 'value': expected double, found string \"" + text + "\"");
  }

  @Test
  void javaTypesFollowTheSchemaTypes() {
    DecodeResult result =
        decoder.decode(
            Records.json(
                "{'sensor_id':'s','reading_date':'2026-11-27',"
                    + "'read_at':'2026-11-27T08:15:30Z','value':1,'ratio':1,'n':1,'seq':1,'active':true}"));

    assertThat(List.of(result.values()))
        .extracting(v -> v.getClass().getSimpleName())
        .containsExactly(
            "String", "LocalDate", "Instant", "Double", "Float", "Integer", "Long", "Boolean");
  }
}
