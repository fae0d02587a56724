package io.splitflow.deserialize.decode;

import static io.splitflow.deserialize.decode.Records.withField;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.TombstoneKey;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values of the hostile-input corpus (tools/src/test/resources/hostile) that once got past the
 * decoders: each either failed the whole deserialize task in Spark or landed changed in bronze.
 */
class HostileValuesTest {

  private final JsonRecordDecoder decoder = Records.decoder();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+300000-01-01T00:00:00Z",
        "-300000-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "9999-12-31T23:00:00-01:00"
      })
  void timestampsBeyondTheYears0000To9999AreOutOfRangeRatherThanFailingSpark(String text) {
    DecodeResult result = decoder.decode(withField("read_at", "\"" + text + "\""));

    assertThat(result.error()).isEqualTo(DecodeError.OUT_OF_RANGE);
    assertThat(result.message())
        .isEqualTo("field 'read_at': " + text + " is out of range for timestamp");
  }

  @Test
  void timestampsAtTheEdgesOfTheRangeAreAccepted() {
    assertThat(decoder.decode(withField("read_at", "\"0000-01-01T00:00:00Z\"")).values()[2])
        .isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
    assertThat(
            decoder.decode(withField("read_at", "\"9999-12-31T23:59:59.999999999Z\"")).values()[2])
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999999Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\ud800", "x\\udfff", "\\ude00\\ud83d", "ab\\ud83d"})
  void stringsWithUnpairedSurrogatesAreWrongTypeRatherThanStoredWithAQuestionMark(String text) {
    DecodeResult result = decoder.decode(withField("sensor_id", "\"" + text + "\""));

    assertThat(result.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(result.message())
        .startsWith("field 'sensor_id': expected string, found a string with an unpaired surrogate")
        .endsWith("(not valid Unicode)");
  }

  @Test
  void pairedSurrogatesAreOneCharacter() {
    DecodeResult result = decoder.decode(withField("sensor_id", "\"s-\\ud83d\\ude00\""));

    assertThat(result.values()[0]).isEqualTo("s-\uD83D\uDE00");
  }

  private static final List<FieldSpec> KEYED =
      List.of(
          new FieldSpec("sensor_id", FieldType.STRING, true),
          new FieldSpec("reading_date", FieldType.DATE, true),
          new FieldSpec("read_at", FieldType.TIMESTAMP, true));

  private final TombstoneKeyDecoder tombstones =
      new TombstoneKeyDecoder(
          new TombstoneKey("delimited", Optional.of("|")),
          KEYED,
          List.of("sensor_id", "reading_date", "read_at"));

  @Test
  void tombstoneKeyThatIsNotUtf8IsABadKeyRatherThanADeleteOfAnotherKey() {
    byte[] key = {'s', (byte) 0xff, '|', '2', '0', '2', '6', '-', '1', '1', '-', '2', '7'};

    DecodeResult result = tombstones.decode(key);

    assertThat(result.error()).isEqualTo(DecodeError.BAD_TOMBSTONE_KEY);
    assertThat(result.message())
        .startsWith("tombstone cannot be a delete: its key is not valid UTF-8");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s|+12026-01-01|2026-11-27T10:00:00Z",
        "s|2026-1-05|2026-11-27T10:00:00Z",
        "s|2026-11-27|+300000-01-01T00:00:00Z",
        "s|2026-11-27|2026-11-27T25:00:00Z"
      })
  void tombstoneKeyTemporalsAreReadAsTheJsonDecoderReadsThem(String key) {
    DecodeResult result = tombstones.decode(key.getBytes(UTF_8));

    assertThat(result.error()).isEqualTo(DecodeError.BAD_TOMBSTONE_KEY);
    assertThat(result.message()).contains("key field '");
  }

  @Test
  void goodTombstoneKeyIsStillADelete() {
    DecodeResult result = tombstones.decode("s|2026-11-27|2026-11-27T10:00:00Z".getBytes(UTF_8));

    assertThat(result.values())
        .containsExactly("s", LocalDate.parse("2026-11-27"), Instant.parse("2026-11-27T10:00:00Z"));
  }
}
