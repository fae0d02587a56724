package io.splitflow.deserialize.decode.debezium;

import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.BEFORE;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.FIELDS;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.LSN;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.TS_MS;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.event;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.json;
import static io.splitflow.deserialize.decode.debezium.DebeziumJsonDecoderTest.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.JsonRecordDecoder;
import io.splitflow.deserialize.decode.UnknownFieldPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debezium's numeric dates and timestamps, and the fields filled from {@code source}. */
class DebeziumTemporalsAndSourceTest {

  private static final List<FieldSpec> TEMPORALS =
      List.of(
          new FieldSpec("id", FieldType.INT, true),
          new FieldSpec("reading_date", FieldType.DATE, false),
          new FieldSpec("read_at", FieldType.TIMESTAMP, false));

  private final DebeziumJsonDecoder temporals =
      new DebeziumJsonDecoder(TEMPORALS, List.of("id"), UnknownFieldPolicy.IGNORE);

  @Test
  void integerDateIsDaysSinceTheEpoch() {
    assertThat(row("{'id':1,'reading_date':20784}"))
        .containsExactly(1, LocalDate.of(2026, 11, 27), null);
    assertThat(row("{'id':1,'reading_date':-165}"))
        .containsExactly(1, LocalDate.of(1969, 7, 20), null);
    assertThat(row("{'id':1,'reading_date':0}")).containsExactly(1, LocalDate.of(1970, 1, 1), null);
  }

  @Test
  void integerTimestampIsEpochMillisecondsUpTo10e14ThenMicroseconds() {
    assertThat(row("{'id':1,'read_at':1795767330123}")[2])
        .isEqualTo(Instant.parse("2026-11-27T08:15:30.123Z"));
    assertThat(row("{'id':1,'read_at':1795767330123456}")[2])
        .isEqualTo(Instant.parse("2026-11-27T08:15:30.123456Z"));
    assertThat(row("{'id':1,'read_at':-1000000000000000}")[2])
        .isEqualTo(Instant.parse("1938-04-24T22:13:20Z"));
    assertThat(row("{'id':1,'read_at':100000000000000}")[2])
        .isEqualTo(Instant.ofEpochMilli(100_000_000_000_000L));
    assertThat(row("{'id':1,'read_at':100000000000001}")[2])
        .isEqualTo(Instant.parse("1973-03-03T09:46:40.000001Z"));
  }

  @Test
  void isoStringsStillWork() {
    // io.debezium.time.ZonedTimestamp, and dates with time.precision.mode=connect off
    assertThat(row("{'id':1,'reading_date':'2026-11-27','read_at':'2026-11-27T09:15:30.5+01:00'}"))
        .containsExactly(1, LocalDate.of(2026, 11, 27), Instant.parse("2026-11-27T08:15:30.5Z"));
  }

  @Test
  void temporalThatIsNeitherIsoNorAnIntegerIsWrongType() {
    assertFailure(
        decode("{'id':1,'read_at':1.5e12}"),
        DecodeError.WRONG_TYPE,
        "field 'read_at': expected an ISO-8601 timestamp or integer epoch milliseconds"
            + " (microseconds above 10^14), found number 1.5e12");
    assertFailure(
        decode("{'id':1,'reading_date':'27.11.2026'}"),
        DecodeError.WRONG_TYPE,
        "field 'reading_date': expected an ISO-8601 date (yyyy-MM-dd), found string"
            + " \"27.11.2026\"");
  }

  @Test
  void integerBeyondTheTypesRangeIsOutOfRange() {
    assertFailure(
        decode("{'id':1,'reading_date':3000000}"),
        DecodeError.OUT_OF_RANGE,
        "field 'reading_date': 3000000 is out of range for date (days since 1970-01-01, years"
            + " 0000 to 9999)");
    assertFailure(
        decode("{'id':1,'read_at':99999999999999999999}"),
        DecodeError.OUT_OF_RANGE,
        "field 'read_at': 99999999999999999999 is out of range for timestamp (epoch milliseconds"
            + " or microseconds)");
  }

  @Test
  void temporalProblemsAreListedWithTheRowsOthers() {
    assertFailure(
        decode("{'reading_date':2.5,'id':'one','read_at':1795767330123}"),
        DecodeError.WRONG_TYPE,
        "field 'reading_date': expected an ISO-8601 date (yyyy-MM-dd) or an integer count of"
            + " days since 1970-01-01, found number 2.5; field 'id': expected int, found string"
            + " \"one\"");
  }

  @Test
  void deleteKeyMayBeANumericDate() {
    DebeziumJsonDecoder byDate =
        new DebeziumJsonDecoder(TEMPORALS, List.of("reading_date"), UnknownFieldPolicy.IGNORE);

    DecodeResult result = byDate.decode(json(event("d", "{'id':1,'reading_date':20784}", "null")));

    assertThat(result.deleted()).isTrue();
    assertThat(result.values()).containsExactly(null, LocalDate.of(2026, 11, 27), null);
  }

  @Test
  void sourceFillsSequenceFieldsTheRowLacks() {
    DecodeResult result =
        DebeziumEvents.decoder()
            .decode(json(event("c", "null", "{'id':1,'sensor_id':'s','reading_date':1}")));

    assertThat(result.values())
        .containsExactly(1, "s", LocalDate.of(1970, 1, 2), null, null, null, TS_MS, LSN);
  }

  @Test
  void rowsOwnValueWinsOverSource() {
    DecodeResult result =
        DebeziumEvents.decoder()
            .decode(
                json(
                    event(
                        "c",
                        "null",
                        "{'id':1,'sensor_id':'s','reading_date':1,'source_ts_ms':42,"
                            + "'source_lsn':null}")));

    assertThat(result.values())
        .containsExactly(1, "s", LocalDate.of(1970, 1, 2), null, null, null, 42L, LSN);
  }

  @Test
  void sourceTimestampMayFillATimestampField() {
    DebeziumJsonDecoder decoder =
        new DebeziumJsonDecoder(
            List.of(
                new FieldSpec("id", FieldType.INT, true),
                new FieldSpec("source_ts_ms", FieldType.TIMESTAMP, true)),
            List.of("id"),
            UnknownFieldPolicy.IGNORE);

    assertThat(decoder.decode(json(event("u", BEFORE, "{'id':1}"))).values())
        .containsExactly(1, Instant.ofEpochMilli(TS_MS));
  }

  @Test
  void sourceTimestampBeyondTheYears0000To9999IsOutOfRangeRatherThanFailingSpark() {
    DebeziumJsonDecoder decoder =
        new DebeziumJsonDecoder(
            List.of(
                new FieldSpec("id", FieldType.INT, true),
                new FieldSpec("source_ts_ms", FieldType.TIMESTAMP, true)),
            List.of("id"),
            UnknownFieldPolicy.IGNORE);

    assertFailure(
        decoder.decode(json("{'op':'c','after':{'id':1},'source':{'ts_ms':9223372036854775807}}")),
        DecodeError.OUT_OF_RANGE,
        "field 'source_ts_ms': 9223372036854775807 ms in source.ts_ms is out of range for"
            + " timestamp (0000-01-01 to 9999-12-31)");
  }

  @Test
  void requiredSourceFieldThatNeitherGivesIsMissing() {
    String noSource = "{'op':'c','after':{'id':1,'sensor_id':'s','reading_date':1}}";

    assertFailure(
        DebeziumEvents.decoder().decode(json(noSource)),
        DecodeError.MISSING_FIELD,
        "required field 'source_ts_ms' is missing (from the row and from source.ts_ms);"
            + " required field 'source_lsn' is missing (from the row and from source.lsn)");
  }

  @Test
  void sourcePositionThatIsNotAnIntegerIsWrongType() {
    // SQL Server's change LSN is text
    String sqlServer =
        "{'op':'c','after':{'id':1,'sensor_id':'s','reading_date':1},"
            + "'source':{'ts_ms':1,'change_lsn':'00000027:00000758:0005',"
            + "'lsn':'00000027:00000758:0005'}}";

    assertFailure(
        DebeziumEvents.decoder().decode(json(sqlServer)),
        DecodeError.WRONG_TYPE,
        "field 'source_lsn': expected an integer in source.lsn, found string"
            + " \"00000027:00000758:0005\"");
  }

  @Test
  void sourceFieldsNotDeclaredAreNotRequiredOfTheEvent() {
    assertThat(temporals.decode(json("{'op':'c','after':{'id':1}}")).values())
        .containsExactly(1, null, null);
  }

  @Test
  void deleteWithoutSourcePositionIsStillADelete() {
    DecodeResult result =
        DebeziumEvents.decoder().decode(json("{'op':'d','before':{'id':1},'after':null}"));

    assertThat(result.deleted()).isTrue();
    assertThat(result.values()).containsExactly(1, null, null, null, null, null, null, null);
  }

  @Test
  void afterDecodesExactlyAsAJsonRecordDoes() {
    List<FieldSpec> fields = FIELDS.subList(0, 6);
    JsonRecordDecoder json = new JsonRecordDecoder(fields, UnknownFieldPolicy.DEAD_LETTER);
    DebeziumJsonDecoder debezium =
        new DebeziumJsonDecoder(fields, List.of("id"), UnknownFieldPolicy.DEAD_LETTER);
    List<String> rows =
        List.of(
            "{'id':1,'sensor_id':'s-1','reading_date':'2026-11-27',"
                + "'read_at':'2026-11-27T08:15:30.123456Z','value':21.5,'active':true}",
            "{}",
            "{'id':1}",
            "{'id':'x','sensor_id':null,'reading_date':'2026-02-30','value':'abc','active':1}",
            "{'id':1,'id':1,'sensor_id':'a','reading_date':'2026-01-01','x':1,'x':2}",
            "{'id':1.0,'sensor_id':'a','reading_date':'2026-01-01','value':1e400}",
            "{'id':1,'sensor_id':'a','reading_date':'2026-01-01','extra':{'a':[1,{'b':null}]}}",
            "{'id':2147483648,'sensor_id':'a','reading_date':'0000-01-01','read_at':'2026'}");

    for (String row : rows) {
      DecodeResult expected = json.decode(json(row));
      DecodeResult actual = debezium.decode(json(event("c", "null", row)));

      assertThat(actual.ok()).as(row).isEqualTo(expected.ok());
      assertThat(actual.error()).as(row).isEqualTo(expected.error());
      assertThat(actual.message()).as(row).isEqualTo(expected.message());
      assertThat(actual.values()).as(row).isEqualTo(expected.values());
    }
  }

  private Object[] row(String after) {
    DecodeResult result = decode(after);
    assertThat(result.ok()).as(result.message()).isTrue();
    return result.values();
  }

  private DecodeResult decode(String after) {
    return temporals.decode(json(event("c", "null", after)));
  }
}
