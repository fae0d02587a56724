package io.splitflow.deserialize.decode.protobuf;

import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.FIELDS;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.READING;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.fullReading;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.fullReadingValues;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.minimalReading;
import static io.splitflow.deserialize.decode.protobuf.ProtoFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Timestamp;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Protobuf values: every type, presence, ranges, and bytes that are not a message. */
class ProtobufRecordDecoderTest {

  @TempDir Path dir;
  private String setFile;
  private ProtobufRecordDecoder decoder;

  @BeforeEach
  void writeDescriptorSet() {
    setFile = ProtoFixtures.write(dir, ProtoFixtures.readingSet());
    decoder = new ProtobufRecordDecoder(setFile, READING, FIELDS);
  }

  @Test
  void decodesEveryTypeByFieldName() {
    DecodeResult result = decoder.decode(fullReading().build().toByteArray());

    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.values()).containsExactly(fullReadingValues());
  }

  @Test
  void decodesOnlyTheDeclaredFieldsInTheDatasetsOrder() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("seq", FieldType.LONG, false),
            new FieldSpec("sensor_id", FieldType.STRING, true));

    DecodeResult result =
        new ProtobufRecordDecoder(setFile, READING, fields)
            .decode(fullReading().build().toByteArray());

    assertThat(result.values()).containsExactly(9_876_543_210L, "s-1");
  }

  @Test
  void unsetOptionalAndMessageFieldsAreNull() {
    DecodeResult result = decoder.decode(minimalReading().build().toByteArray());

    assertThat(result.values())
        .containsExactly(
            "s-1",
            LocalDate.of(2026, 11, 27),
            null,
            0.0,
            0.0f,
            0,
            0L,
            false,
            null,
            0,
            0L,
            0,
            0L,
            0L,
            0L);
  }

  @Test
  void unsetPlainScalarsReadAsTheirDefaultsSoAnEmptyRequiredStringIsNotMissing() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("sensor_id", FieldType.STRING, true),
            new FieldSpec("n", FieldType.INT, true),
            new FieldSpec("active", FieldType.BOOLEAN, true));

    DecodeResult result = new ProtobufRecordDecoder(setFile, READING, fields).decode(new byte[0]);

    assertThat(result.values()).containsExactly("", 0, false);
  }

  @Test
  void requiredFieldsWithPresenceThatAreUnsetAreMissing() {
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("read_at", FieldType.TIMESTAMP, true),
            new FieldSpec("note", FieldType.STRING, true),
            new FieldSpec("sensor_id", FieldType.STRING, true));

    DecodeResult result =
        new ProtobufRecordDecoder(setFile, READING, fields)
            .decode(minimalReading().build().toByteArray());

    assertFailure(
        result,
        DecodeError.MISSING_FIELD,
        "required field 'read_at' is missing; required field 'note' is missing");
  }

  @Test
  void optionalFieldSetToItsDefaultIsNotNull() {
    DecodeResult result = decoder.decode(with(minimalReading(), "note", "").build().toByteArray());

    assertThat(result.values()[8]).isEqualTo("");
  }

  @Test
  void proto2FieldsThatAreUnsetAreNullEvenWithADefaultOrWhenTheProtoRequiresThem() {
    FileDescriptorProto meter =
        FileDescriptorProto.newBuilder()
            .setName("legacy/meter.proto")
            .setPackage("legacy")
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("Meter")
                    .addField(
                        ProtoFixtures.field("id", 1, Type.TYPE_INT32)
                            .setLabel(Label.LABEL_REQUIRED))
                    .addField(
                        ProtoFixtures.field("name", 2, Type.TYPE_STRING).setDefaultValue("main")))
            .build();
    String file = ProtoFixtures.write(dir, FileDescriptorSet.newBuilder().addFile(meter).build());
    List<FieldSpec> fields =
        List.of(
            new FieldSpec("id", FieldType.INT, true),
            new FieldSpec("name", FieldType.STRING, false));
    ProtobufRecordDecoder legacy = new ProtobufRecordDecoder(file, "legacy.Meter", fields);

    // field 1 (id), varint 5
    assertThat(legacy.decode(new byte[] {0x08, 0x05}).values()).containsExactly(5, null);
    assertFailure(
        legacy.decode(new byte[0]), DecodeError.MISSING_FIELD, "required field 'id' is missing");
  }

  @Test
  void uint32BeyondIntIsOutOfRangeButFitsALong() {
    byte[] value = with(minimalReading(), "count", (int) 3_000_000_000L).build().toByteArray();
    List<FieldSpec> asLong = List.of(new FieldSpec("count", FieldType.LONG, false));

    assertFailure(
        decoder.decode(value),
        DecodeError.OUT_OF_RANGE,
        "field 'count': 3000000000 is out of range for int");
    assertThat(new ProtobufRecordDecoder(setFile, READING, asLong).decode(value).values())
        .containsExactly(3_000_000_000L);
  }

  @Test
  void uint64BeyondLongIsOutOfRange() {
    byte[] value = with(minimalReading(), "big", -2L).build().toByteArray();

    assertFailure(
        decoder.decode(value),
        DecodeError.OUT_OF_RANGE,
        "field 'big': 18446744073709551614 is out of range for long");
  }

  @Test
  void dateStringThatIsNotYearMonthDayIsWrongType() {
    byte[] notADay = with(minimalReading(), "reading_date", "2026-02-30").build().toByteArray();
    byte[] otherFormat = with(minimalReading(), "reading_date", "27/11/2026").build().toByteArray();
    byte[] signedYear = with(minimalReading(), "reading_date", "+2026-11-27").build().toByteArray();

    assertFailure(
        decoder.decode(notADay),
        DecodeError.WRONG_TYPE,
        "field 'reading_date': expected an ISO-8601 date (yyyy-MM-dd), found string"
            + " \"2026-02-30\"");
    assertFailure(
        decoder.decode(otherFormat),
        DecodeError.WRONG_TYPE,
        "field 'reading_date': expected an ISO-8601 date (yyyy-MM-dd), found string"
            + " \"27/11/2026\"");
    assertThat(decoder.decode(signedYear).error()).isEqualTo(DecodeError.WRONG_TYPE);
  }

  @Test
  void timestampOutsideTimestampsRangeIsOutOfRange() {
    byte[] value =
        with(
                minimalReading(),
                "read_at",
                Timestamp.newBuilder().setSeconds(253_402_300_800L).setNanos(0).build())
            .build()
            .toByteArray();

    assertFailure(
        decoder.decode(value),
        DecodeError.OUT_OF_RANGE,
        "field 'read_at': Timestamp seconds=253402300800 nanos=0 is out of range"
            + " (0001-01-01 to 9999-12-31, nanos 0 to 999999999)");
  }

  @Test
  void everyProblemOfAMessageIsListed() {
    byte[] value =
        with(with(minimalReading(), "count", -1), "reading_date", "soon").build().toByteArray();

    assertFailure(
        decoder.decode(value),
        DecodeError.WRONG_TYPE,
        "field 'reading_date': expected an ISO-8601 date (yyyy-MM-dd), found string \"soon\";"
            + " field 'count': 4294967295 is out of range for int");
  }

  @Test
  void bytesThatAreNotAMessageAreMalformed() {
    // field 1 with wire type 7, which does not exist
    assertFailure(
        decoder.decode(new byte[] {0x0f, 0x01}),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: Protocol message tag had invalid wire type.");
  }

  @Test
  void truncatedBytesAreMalformed() {
    byte[] full = fullReading().build().toByteArray();

    // cut inside sensor_id's text
    assertFailure(
        decoder.decode(Arrays.copyOf(full, 4)),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: While parsing a protocol message, the input ended unexpectedly in"
            + " the middle of a field.  This could mean either that the input has been truncated"
            + " or that an embedded message misreported its own length.");
  }

  @Test
  void stringThatIsNotUtf8IsMalformed() {
    // field 1 (sensor_id), length 2, an overlong encoding of '/'
    assertFailure(
        decoder.decode(new byte[] {0x0a, 0x02, (byte) 0xc0, (byte) 0xaf}),
        DecodeError.MALFORMED_PROTOBUF,
        "malformed protobuf: Protocol message had invalid UTF-8.");
  }

  @Test
  void unknownFieldsAreIgnored() {
    byte[] known = minimalReading().build().toByteArray();
    // field 99, varint 1: a field a newer writer added
    byte[] value = Arrays.copyOf(known, known.length + 3);
    value[known.length] = (byte) 0x98;
    value[known.length + 1] = 0x06;
    value[known.length + 2] = 0x01;

    assertThat(decoder.decode(value).values()).isEqualTo(decoder.decode(known).values());
  }

  @Test
  void valueWithAnotherWireTypeReadsAsUnset() {
    // field 3 (read_at, a message) sent as the varint 5
    byte[] known = minimalReading().build().toByteArray();
    byte[] value = Arrays.copyOf(known, known.length + 2);
    value[known.length] = 0x18;
    value[known.length + 1] = 0x05;

    assertThat(decoder.decode(value).values()[2]).isNull();
  }

  @Test
  void nullValueIsATombstone() {
    assertFailure(decoder.decode(null), DecodeError.NULL_VALUE, "value is null (Kafka tombstone)");
  }

  @Test
  void decodesAfterSerializationWithoutTheDescriptorFile() throws Exception {
    ProtobufRecordDecoder shipped = roundTrip(decoder);
    Files.delete(Path.of(setFile));

    assertThat(shipped.decode(fullReading().build().toByteArray()).values())
        .containsExactly(fullReadingValues());
  }

  @Test
  void neverThrowsOnCorruptedMessages() {
    byte[] full = fullReading().build().toByteArray();
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] value = Arrays.copyOf(full, random.nextInt(full.length + 1));
      for (int flips = random.nextInt(4); flips >= 0 && value.length > 0; flips--) {
        value[random.nextInt(value.length)] = (byte) random.nextInt(256);
      }
      DecodeResult result = decoder.decode(value);
      assertThat(result.ok() || result.message() != null).isTrue();
    }
  }

  @Test
  void reusesItsStateAcrossRecordsAndFailures() {
    byte[] good = fullReading().build().toByteArray();
    byte[] bad = ByteString.copyFrom(new byte[] {0x0f}).toByteArray();
    for (int i = 0; i < 3; i++) {
      assertThat(decoder.decode(good).values()).containsExactly(fullReadingValues());
      assertThat(decoder.decode(bad).error()).isEqualTo(DecodeError.MALFORMED_PROTOBUF);
    }
  }

  static void assertFailure(DecodeResult result, DecodeError error, String message) {
    assertThat(result.ok()).as("ok").isFalse();
    assertThat(result.error()).isEqualTo(error);
    assertThat(result.message()).isEqualTo(message);
  }

  private static ProtobufRecordDecoder roundTrip(ProtobufRecordDecoder decoder)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(decoder);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ProtobufRecordDecoder) in.readObject();
    }
  }
}
