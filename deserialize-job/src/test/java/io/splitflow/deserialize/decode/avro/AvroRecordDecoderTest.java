package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING_FIELDS;
import static io.splitflow.deserialize.decode.avro.AvroTestData.minimalReading;
import static io.splitflow.deserialize.decode.avro.AvroTestData.plain;
import static io.splitflow.deserialize.decode.avro.AvroTestData.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain Avro binary: every type, nulls, and required fields that are null. */
class AvroRecordDecoderTest {

  private final AvroRecordDecoder decoder =
      new AvroRecordDecoder(READING.toString(), READING_FIELDS);

  @Test
  void decodesEveryTypeToItsJavaType() {
    DecodeResult result = decoder.decode(plain(reading()));

    assertThat(result.ok()).isTrue();
    assertThat(result.values()).containsExactly(AvroTestData.readingValues());
  }

  @Test
  void optionalFieldsMayBeNull() {
    DecodeResult result = decoder.decode(plain(minimalReading().build()));

    assertThat(result.values())
        .containsExactly("s-1", AvroTestData.DATE, null, null, null, null, null, null);
  }

  @Test
  void requiredFieldThatIsNullIsMissing() {
    AvroRecordDecoder strict = new AvroRecordDecoder(READING.toString(), requiring("value"));

    assertFailure(
        strict.decode(plain(minimalReading().build())),
        DecodeError.MISSING_FIELD,
        "required field 'value' is null");
  }

  @Test
  void everyRequiredFieldThatIsNullIsListed() {
    AvroRecordDecoder strict = new AvroRecordDecoder(READING.toString(), requiring("value", "n"));

    assertFailure(
        strict.decode(plain(minimalReading().set("ratio", 1f).build())),
        DecodeError.MISSING_FIELD,
        "required field 'value' is null; required field 'n' is null");
  }

  @Test
  void decodesOnlyTheConfiguredFieldsInTheirOrder() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("n", FieldType.INT, false),
            new FieldSpec("sensor_id", FieldType.STRING, true));

    DecodeResult result =
        new AvroRecordDecoder(READING.toString(), fields).decode(plain(reading()));

    assertThat(result.values()).containsExactly(7, "s-1");
  }

  @Test
  void reusesItsStateAcrossRecordsAndFailures() {
    byte[] full = plain(reading());
    byte[] minimal = plain(minimalReading().build());

    for (int i = 0; i < 3; i++) {
      assertThat(decoder.decode(full).values()).containsExactly(AvroTestData.readingValues());
      assertThat(decoder.decode(Arrays.copyOf(full, 9)).error())
          .isEqualTo(DecodeError.MALFORMED_AVRO);
      assertThat(decoder.decode(minimal).values()[3]).isNull();
    }
  }

  @Test
  void nullValueIsATombstone() {
    assertFailure(decoder.decode(null), DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
  }

  static List<FieldSpec> requiring(String... names) {
    List<FieldSpec> fields = new ArrayList<>();
    for (FieldSpec field : READING_FIELDS) {
      boolean required = field.required() || Arrays.asList(names).contains(field.name());
      fields.add(new FieldSpec(field.name(), field.type(), required));
    }
    return fields;
  }

  static void assertFailure(DecodeResult result, DecodeError error, String message) {
    assertThat(result.ok()).as("ok").isFalse();
    assertThat(result.error()).isEqualTo(error);
    assertThat(result.message()).isEqualTo(message);
  }
}
