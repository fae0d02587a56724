package io.splitflow.deserialize.decode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One decoder serves a whole partition, so nothing may leak from one record into the next. */
class JsonRecordDecoderRepeatedUseTest {

  /** A record and the result it must give, whatever came before it. */
  private record Case(byte[] value, DecodeResult expected) {}

  @Test
  void tenThousandMixedRecordsEachDecodeAsIfAlone() {
    JsonRecordDecoder decoder = Records.decoder();
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      cases.add(caseFor(i));
    }
    Collections.shuffle(cases, new Random(7));

    for (Case c : cases) {
      DecodeResult result = decoder.decode(c.value());

      assertThat(result.error()).isEqualTo(c.expected().error());
      assertThat(result.message()).isEqualTo(c.expected().message());
      if (c.expected().ok()) {
        assertThat(result.values()).containsExactly(c.expected().values());
      }
    }
  }

  private static Case caseFor(int i) {
    String id = "s-" + i;
    LocalDate date = LocalDate.of(2026, 1, 1).plusDays(i % 365);
    Instant at = Instant.parse("2026-11-27T08:15:30Z").plusMillis(i * 1_001L);
    return switch (i % 7) {
      case 0 ->
          new Case(
              bytes(
                  "{'sensor_id':'%s','reading_date':'%s','read_at':'%s','value':%d.5,'ratio':%d.25,"
                      + "'n':%d,'seq':%d,'active':%b}",
                  id, date, at, i, i, i, i * 1_000_000_000L, i % 2 == 0),
              DecodeResult.ok(
                  new Object[] {
                    id, date, at, i + 0.5, i + 0.25f, i, i * 1_000_000_000L, i % 2 == 0
                  }));
      case 1 ->
          new Case(
              bytes("{'n':%d.5,'sensor_id':'%s','reading_date':'%s'}", i, id, date),
              DecodeResult.failed(
                  DecodeError.WRONG_TYPE, "field 'n': expected int, found number " + i + ".5"));
      case 2 ->
          new Case(
              bytes("{'reading_date':'%s','value':%d}", date, i),
              DecodeResult.failed(
                  DecodeError.MISSING_FIELD, "required field 'sensor_id' is missing"));
      case 3 ->
          new Case(
              bytes("{'sensor_id':'%s','reading_date':'%s','seq':1,'seq':%d}", id, date, i),
              DecodeResult.failed(DecodeError.DUPLICATE_FIELD, "field 'seq' appears twice"));
      case 4 ->
          new Case(
              bytes("{'sensor_id':'%s','reading_date':'%s','value':", id, date),
              DecodeResult.failed(
                  DecodeError.MALFORMED_JSON,
                  "malformed JSON: Unexpected end-of-input within/between Object entries"));
      case 5 ->
          new Case(
              bytes(
                  "{'x':{'n':%d,'seq':[%d]},'reading_date':'%s','sensor_id':'%s','n':null}",
                  i, i, date, id),
              DecodeResult.ok(new Object[] {id, date, null, null, null, null, null, null}));
      default ->
          new Case(
              i % 2 == 0 ? null : bytes("[%d]", i),
              i % 2 == 0
                  ? DecodeResult.failed(DecodeError.NULL_VALUE, "value is null (Kafka tombstone)")
                  : DecodeResult.failed(
                      DecodeError.NOT_AN_OBJECT, "expected a JSON object, found array"));
    };
  }

  private static byte[] bytes(String singleQuotedFormat, Object... args) {
    return String.format(singleQuotedFormat, args).replace('\'', '"').getBytes(UTF_8);
  }
}
