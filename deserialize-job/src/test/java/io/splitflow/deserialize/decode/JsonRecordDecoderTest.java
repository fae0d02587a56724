package io.splitflow.deserialize.decode;

import static io.splitflow.deserialize.decode.Records.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Record-level rules: the happy path, optional and required fields, unknown and duplicate fields.
 */
class JsonRecordDecoderTest {

  private static final String FULL =
      "{'sensor_id':'s-1','reading_date':'2026-11-27',"
          + "'read_at':'2026-11-27T08:15:30.123+01:00','value':21.5,'ratio':0.25,'n':42,'seq':9876543210,'active':true}";
  private static final Object[] FULL_VALUES = {
    "s-1",
    LocalDate.of(2026, 11, 27),
    Instant.parse("2026-11-27T07:15:30.123Z"),
    21.5,
    0.25f,
    42,
    9876543210L,
    true
  };

  private final JsonRecordDecoder decoder = Records.decoder();

  @Test
  void everyTypeIsDecodedInSchemaOrder() {
    DecodeResult result = decoder.decode(json(FULL));

    assertThat(result.ok()).isTrue();
    assertThat(result.error()).isNull();
    assertThat(result.message()).isNull();
    assertThat(result.values()).containsExactly(FULL_VALUES);
  }

  @Test
  void fieldOrderInTheMessageDoesNotMatter() {
    DecodeResult result =
        decoder.decode(
            json(
                "{'active':true,'seq':9876543210,'n':42,'ratio':0.25,'value':21.5,"
                    + "'read_at':'2026-11-27T08:15:30.123+01:00','reading_date':'2026-11-27','sensor_id':'s-1'}"));

    assertThat(result.values()).containsExactly(FULL_VALUES);
  }

  @Test
  void absentOptionalFieldsAreNull() {
    DecodeResult result = decoder.decode(json("{'reading_date':'2026-11-27','sensor_id':'s-1'}"));

    assertThat(result.values())
        .containsExactly("s-1", LocalDate.of(2026, 11, 27), null, null, null, null, null, null);
  }

  @Test
  void jsonNullOptionalFieldsAreNull() {
    DecodeResult result =
        decoder.decode(
            json(
                "{'sensor_id':'s-1','reading_date':'2026-11-27','read_at':null,"
                    + "'value':null,'ratio':null,'n':null,'seq':null,'active':null}"));

    assertThat(result.values())
        .containsExactly("s-1", LocalDate.of(2026, 11, 27), null, null, null, null, null, null);
  }

  @Test
  void absentRequiredFieldIsMissing() {
    DecodeResult result = decoder.decode(json("{'reading_date':'2026-11-27'}"));

    assertThat(result.error()).isEqualTo(DecodeError.MISSING_FIELD);
    assertThat(result.message()).isEqualTo("required field 'sensor_id' is missing");
    assertThat(result.values()).isNull();
  }

  @Test
  void nullRequiredFieldIsMissing() {
    DecodeResult result = decoder.decode(json("{'sensor_id':null,'reading_date':'2026-11-27'}"));

    assertThat(result.error()).isEqualTo(DecodeError.MISSING_FIELD);
    assertThat(result.message()).isEqualTo("required field 'sensor_id' is null");
  }

  @Test
  void ignoredUnknownFieldsAreSkippedWithEverythingNestedInThem() {
    DecodeResult result =
        decoder.decode(
            json(
                "{'colour':{'n':'x','deep':[1,{'sensor_id':7},[[]]]},'sensor_id':'s-1',"
                    + "'tags':['a',{'b':null}],'reading_date':'2026-11-27','extra':'x','more':12.5,'flag':false}"));

    assertThat(result.values())
        .containsExactly("s-1", LocalDate.of(2026, 11, 27), null, null, null, null, null, null);
  }

  @Test
  void deadLetteredUnknownFieldIsReported() {
    DecodeResult result =
        Records.deadLetteringDecoder()
            .decode(json("{'sensor_id':'s-1','colour':{'r':1},'reading_date':'2026-11-27'}"));

    assertThat(result.error()).isEqualTo(DecodeError.UNKNOWN_FIELD);
    assertThat(result.message()).isEqualTo("unknown field 'colour' (not in the schema)");
  }

  @Test
  void fieldAppearingTwiceIsADuplicate() {
    DecodeResult result =
        decoder.decode(json("{'sensor_id':'s-1','reading_date':'2026-11-27','sensor_id':'s-2'}"));

    assertThat(result.error()).isEqualTo(DecodeError.DUPLICATE_FIELD);
    assertThat(result.message()).isEqualTo("field 'sensor_id' appears twice");
  }

  @Test
  void fieldRepeatedManyTimesIsReportedOnce() {
    DecodeResult result =
        decoder.decode(
            json("{'n':1,'n':2,'sensor_id':'s-1','n':{'a':[3]},'reading_date':'2026-11-27'}"));

    assertThat(result.error()).isEqualTo(DecodeError.DUPLICATE_FIELD);
    assertThat(result.message()).isEqualTo("field 'n' appears twice");
  }

  @Test
  void ignoredUnknownFieldAppearingTwiceIsStillADuplicate() {
    DecodeResult result =
        decoder.decode(json("{'x':1,'sensor_id':'s-1','x':[2],'reading_date':'2026-11-27'}"));

    assertThat(result.error()).isEqualTo(DecodeError.DUPLICATE_FIELD);
    assertThat(result.message()).isEqualTo("field 'x' appears twice");
  }

  @Test
  void duplicateNamesInsideNestedObjectsAreNotTopLevelDuplicates() {
    DecodeResult result =
        decoder.decode(
            json(
                "{'meta':{'a':1,'a':2,'sensor_id':3,'sensor_id':4},"
                    + "'sensor_id':'s-1','reading_date':'2026-11-27','list':[{'b':1,'b':1}]}"));

    assertThat(result.ok()).as(result.message()).isTrue();
  }

  @Test
  void everyProblemIsReportedAndTheFirstGivesTheClass() {
    DecodeResult result =
        Records.deadLetteringDecoder()
            .decode(
                json(
                    "{'value':'abc','n':3000000000,'colour':'red',"
                        + "'value':1,'sensor_id':null,'active':[true]}"));

    assertThat(result.error()).isEqualTo(DecodeError.WRONG_TYPE);
    assertThat(result.message())
        .isEqualTo(
            "field 'value': expected double, found string \"abc\"; "
                + "field 'n': 3000000000 is out of range for int; "
                + "unknown field 'colour' (not in the schema); "
                + "field 'value' appears twice; "
                + "required field 'sensor_id' is null; "
                + "field 'active': expected boolean, found array; "
                + "required field 'reading_date' is missing");
  }

  @Test
  void longUnknownFieldNamesAreCutShort() {
    String name = "k".repeat(70);

    DecodeResult result =
        Records.deadLetteringDecoder()
            .decode(json("{'sensor_id':'s-1','reading_date':'2026-11-27','" + name + "':1}"));

    assertThat(result.message())
        .isEqualTo("unknown field '" + "k".repeat(60) + "...' (not in the schema)");
  }

  @Test
  void decoderSurvivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      decoder.decode(json(FULL));
      out.writeObject(decoder);
    }
    JsonRecordDecoder copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (JsonRecordDecoder) in.readObject();
    }

    assertThat(copy.decode(json(FULL)).values()).containsExactly(FULL_VALUES);
  }

  @Test
  void schemaDeclaringANameTwiceIsRejected() {
    List<FieldSpec> schema =
        List.of(new FieldSpec("a", FieldType.INT, true), new FieldSpec("a", FieldType.LONG, false));

    assertThatThrownBy(() -> new JsonRecordDecoder(schema, UnknownFieldPolicy.IGNORE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'a' is declared twice");
  }

  @Test
  void emptySchemaAcceptsAnEmptyObject() {
    DecodeResult result =
        new JsonRecordDecoder(List.of(), UnknownFieldPolicy.DEAD_LETTER).decode(json("{}"));

    assertThat(result.values()).isEmpty();
  }
}
