package io.splitflow.deserialize.decode.debezium;

import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.AFTER;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.BEFORE;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.FIELDS;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.LSN;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.ROW;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.TS_MS;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.event;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.json;
import static io.splitflow.deserialize.decode.debezium.DebeziumEvents.wrapped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.UnknownFieldPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Change events by op, bare and wrapped, and events that are not change events. */
class DebeziumJsonDecoderTest {

  private final DebeziumJsonDecoder decoder = DebeziumEvents.decoder();

  @Test
  void createIsTheRowInAfter() {
    DecodeResult result = decode(event("c", "null", AFTER));

    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.deleted()).isFalse();
    assertThat(result.values()).containsExactly(ROW);
  }

  @Test
  void eventWrappedWithItsSchemaDecodesLikeTheBareOne() {
    DecodeResult result = decode(wrapped("c", "null", AFTER));

    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.values()).containsExactly(ROW);
  }

  @Test
  void updateIsTheRowInAfterNotBefore() {
    assertThat(decode(event("u", BEFORE, AFTER)).values()).containsExactly(ROW);
    assertThat(decode(wrapped("u", BEFORE, AFTER)).values()).containsExactly(ROW);
  }

  @Test
  void snapshotReadIsARow() {
    String snapshot = event("r", "null", AFTER).replace("'snapshot':'false'", "'snapshot':'true'");

    DecodeResult result = decode(snapshot);

    assertThat(result.deleted()).isFalse();
    assertThat(result.values()).containsExactly(ROW);
  }

  @Test
  void deleteCarriesOnlyTheKeyFromBeforeAndTheSourcePosition() {
    DecodeResult bare = decode(event("d", BEFORE, "null"));
    DecodeResult wrapped = decode(wrapped("d", BEFORE, "null"));

    for (DecodeResult result : List.of(bare, wrapped)) {
      assertThat(result.ok()).as(result.message()).isTrue();
      assertThat(result.deleted()).isTrue();
      assertThat(result.values()).containsExactly(1, null, null, null, null, null, TS_MS, LSN);
    }
  }

  @Test
  void deleteWithACompositeKeyTakesEveryKeyField() {
    DebeziumJsonDecoder byTwo =
        new DebeziumJsonDecoder(
            FIELDS, List.of("sensor_id", "reading_date"), UnknownFieldPolicy.IGNORE);

    DecodeResult result = byTwo.decode(json(event("d", BEFORE, "null")));

    assertThat(result.values())
        .containsExactly(null, "s-1", DebeziumEvents.DATE, null, null, null, TS_MS, LSN);
  }

  @Test
  void deleteWhoseBeforeLacksTheKeyFails() {
    // REPLICA IDENTITY that leaves the key out
    assertFailure(
        decode(event("d", "{'sensor_id':'s-1'}", "null")),
        DecodeError.MISSING_FIELD,
        "the key of a delete, in 'before': required field 'id' is missing");
    assertFailure(
        decode(event("d", "{'id':null}", "null")),
        DecodeError.MISSING_FIELD,
        "the key of a delete, in 'before': required field 'id' is null");
    assertFailure(
        decode(event("d", "{'id':'one'}", "null")),
        DecodeError.WRONG_TYPE,
        "the key of a delete, in 'before': field 'id': expected int, found string \"one\"");
  }

  @Test
  void deleteWithoutBeforeIsMalformed() {
    assertFailure(
        decode(event("d", "null", "null")),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "op 'd' needs a 'before' object with the key, found null");
  }

  @Test
  void truncateIsUnsupported() {
    assertFailure(
        decode(event("t", "null", "null")),
        DecodeError.UNSUPPORTED_CHANGE,
        "op 't' (truncate) is not supported: it deletes every row, and gold is not truncated from"
            + " a change event (skipped.operations=t on the connector drops them)");
  }

  @Test
  void unknownOpIsUnsupported() {
    assertFailure(
        decode(event("m", "null", "null")),
        DecodeError.UNSUPPORTED_CHANGE,
        "op 'm' is not supported; expected c, r, u or d");
  }

  @Test
  void eventWithoutOpIsMalformed() {
    assertFailure(
        decode("{'before':null,'after':" + AFTER + ",'source':{'ts_ms':1}}"),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "the change event has no 'op'");
    assertFailure(
        decode("{'after':" + AFTER + ",'op':5}"),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "'op' is number 5, expected a string");
    assertFailure(
        decode("{'op':'c','after':" + AFTER + ",'op':'d'}"),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "the change event has 'op' twice");
  }

  @Test
  void createWithoutAfterObjectIsMalformed() {
    assertFailure(
        decode(event("c", "null", "null")),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "op 'c' needs an 'after' object, found null");
    assertFailure(
        decode("{'op':'u','before':" + BEFORE + "}"),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "op 'u' needs an 'after' object, found no such field");
    assertFailure(
        decode(event("r", "null", "[1,2]")),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "op 'r' needs an 'after' object, found an array");
  }

  @Test
  void payloadThatIsNotAnObjectIsMalformed() {
    assertFailure(
        decode("{'schema':{'type':'string'},'payload':'c'}"),
        DecodeError.MALFORMED_CHANGE_EVENT,
        "'payload' is string \"c\", expected an object");
  }

  @Test
  void afterIsDecodedAsStrictlyAsAJsonRecord() {
    assertFailure(
        decode(event("c", "null", "{'id':1,'sensor_id':7,'reading_date':20784,'id':2}")),
        DecodeError.WRONG_TYPE,
        "field 'sensor_id': expected string, found number 7; field 'id' appears twice");
    assertFailure(
        decode(event("c", "null", "{'id':3000000000,'reading_date':20784}")),
        DecodeError.OUT_OF_RANGE,
        "field 'id': 3000000000 is out of range for int;"
            + " required field 'sensor_id' is missing");
  }

  @Test
  void unknownColumnsFollowThePolicyButTheEnvelopeIsNotAColumn() {
    DebeziumJsonDecoder strict =
        new DebeziumJsonDecoder(FIELDS, List.of("id"), UnknownFieldPolicy.DEAD_LETTER);

    assertFailure(
        strict.decode(json(wrapped("c", "null", AFTER))),
        DecodeError.UNKNOWN_FIELD,
        "unknown field 'note' (not in the schema)");
    assertThat(strict.decode(json(event("c", "null", AFTER.replace(",'note':'roof'", "")))).ok())
        .isTrue();
  }

  @Test
  void readsTheBytesOfAfterWhereverItSitsAmongMultiByteText() {
    String after =
        "{\n  'id' : 1,\n  'sensor_id' : 'Straße-東京-\uD83D\uDE00',\n  'reading_date' : 20784\n}";
    String pretty =
        "{ 'schema' : { 'name' : 'über' },\n 'payload' : {\n  'before' : { 'x' : '東' },\n"
            + "  'after' : "
            + after
            + " ,\n  'op' : 'c', 'source' : { 'ts_ms' : 5, 'lsn' : 6 } } }";

    DecodeResult result = decode(pretty);

    assertThat(result.values())
        .containsExactly(
            1, "Straße-東京-\uD83D\uDE00", DebeziumEvents.DATE, null, null, null, 5L, 6L);
  }

  @Test
  void valuesThatAreNotJsonObjectsFailAsJsonRecordsDo() {
    assertFailure(decoder.decode(null), DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
    assertFailure(decode(""), DecodeError.MALFORMED_JSON, "value is empty");
    assertFailure(
        decode("[" + event("c", "null", AFTER) + "]"),
        DecodeError.NOT_AN_OBJECT,
        "expected a JSON object, found array");
    assertFailure(
        decode(event("c", "null", AFTER) + " {}"),
        DecodeError.MALFORMED_JSON,
        "malformed JSON: Trailing token (of type START_OBJECT) found after the top-level value");
  }

  @Test
  void truncatedEventIsMalformedJson() {
    String event = event("c", "null", AFTER);

    assertFailure(
        decode(event.substring(0, event.indexOf("'source'"))),
        DecodeError.MALFORMED_JSON,
        "malformed JSON: Unexpected end-of-input within/between Object entries");
  }

  @Test
  void overlongUtf8InAfterIsMalformed() {
    byte[] value = json("{'op':'c','after':{'id':1,'sensor_id':'a__'}}");
    // C0 80, an overlong NUL, which Jackson lets through
    value[40] = (byte) 0xc0;
    value[41] = (byte) 0x80;

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_JSON,
        "in 'after': malformed JSON: invalid UTF-8 sequence at offset 22 (byte 0xc0)");
  }

  @Test
  void eventInUtf16IsMalformed() {
    byte[] utf16 =
        new String(json(event("c", "null", AFTER)), StandardCharsets.UTF_8)
            .getBytes(StandardCharsets.UTF_16BE);

    assertFailure(
        decoder.decode(utf16),
        DecodeError.MALFORMED_JSON,
        "malformed JSON: the value must be UTF-8 JSON");
  }

  @Test
  void keyOrSourceFieldThatCannotBeFilledIsRefused() {
    assertThatThrownBy(
            () -> new DebeziumJsonDecoder(FIELDS, List.of("uuid"), UnknownFieldPolicy.IGNORE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key field 'uuid' is not one of the dataset's fields");
    assertThatThrownBy(
            () ->
                new DebeziumJsonDecoder(
                    List.of(new FieldSpec("source_lsn", FieldType.STRING, false)),
                    List.of(),
                    UnknownFieldPolicy.IGNORE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'source_lsn' is filled from source.lsn, so it must be long, not string");
    assertThatThrownBy(
            () ->
                new DebeziumJsonDecoder(
                    List.of(new FieldSpec("source_ts_ms", FieldType.INT, false)),
                    List.of(),
                    UnknownFieldPolicy.IGNORE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "field 'source_ts_ms' is filled from source.ts_ms, so it must be long or timestamp,"
                + " not int");
  }

  @Test
  void decodesAfterSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(decoder);
    }
    DebeziumJsonDecoder shipped;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      shipped = (DebeziumJsonDecoder) in.readObject();
    }

    assertThat(shipped.decode(json(wrapped("u", BEFORE, AFTER))).values()).containsExactly(ROW);
    assertThat(shipped.decode(json(event("d", BEFORE, "null"))).deleted()).isTrue();
  }

  @Test
  void neverThrowsOnCorruptedEvents() {
    byte[] event = json(wrapped("u", BEFORE, AFTER));
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] value = Arrays.copyOf(event, random.nextInt(event.length + 1));
      for (int flips = random.nextInt(4); flips >= 0 && value.length > 0; flips--) {
        value[random.nextInt(value.length)] =
            (byte) "{}[]:,\"0-9.ea \\x\u00e9".charAt(random.nextInt(17));
      }
      DecodeResult result = decoder.decode(value);
      assertThat(result.ok() || result.message() != null).isTrue();
    }
  }

  private DecodeResult decode(String singleQuoted) {
    return decoder.decode(json(singleQuoted));
  }

  static void assertFailure(DecodeResult result, DecodeError error, String message) {
    assertThat(result.ok()).as("ok").isFalse();
    assertThat(result.error()).isEqualTo(error);
    assertThat(result.message()).isEqualTo(message);
  }
}
