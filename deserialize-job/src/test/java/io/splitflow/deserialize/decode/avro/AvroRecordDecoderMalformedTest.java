package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroRecordDecoderTest.assertFailure;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING_FIELDS;
import static io.splitflow.deserialize.decode.avro.AvroTestData.minimalReading;
import static io.splitflow.deserialize.decode.avro.AvroTestData.plain;
import static io.splitflow.deserialize.decode.avro.AvroTestData.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Bytes that are not exactly one record of the reader schema. */
class AvroRecordDecoderMalformedTest {

  private final AvroRecordDecoder decoder =
      new AvroRecordDecoder(READING.toString(), READING_FIELDS);

  @Test
  void everyTruncationIsMalformed() {
    byte[] full = plain(reading());
    for (int length = 0; length < full.length; length++) {
      DecodeResult result = decoder.decode(Arrays.copyOf(full, length));
      assertThat(result.error())
          .as("cut to %d bytes", length)
          .isEqualTo(DecodeError.MALFORMED_AVRO);
      assertThat(result.message()).startsWith("malformed Avro: ");
    }
  }

  @Test
  void recordCutInsideANumberIsTruncated() {
    // sensor_id "s-1" (4 bytes), reading_date (3 bytes), then read_at's branch and 6-byte long
    byte[] cut = Arrays.copyOf(plain(reading()), 10);

    assertFailure(
        decoder.decode(cut),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: truncated, the 10-byte value ends mid-record");
  }

  @Test
  void recordCutInsideAStringSaysTheStringDoesNotFit() {
    byte[] cut = Arrays.copyOf(plain(reading()), 2);

    assertFailure(
        decoder.decode(cut),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: a string of 3 bytes at byte 1 does not fit in the 2-byte value");
  }

  @Test
  void emptyValueIsTruncated() {
    assertFailure(
        decoder.decode(new byte[0]),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: truncated, the 0-byte value ends mid-record");
  }

  @Test
  void bytesAfterTheRecordAreMalformed() {
    byte[] record = plain(minimalReading().build());
    byte[] longer = Arrays.copyOf(record, record.length + 2);

    assertFailure(
        decoder.decode(longer),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: 2 bytes left over after the record, which ends at byte " + record.length);
  }

  @Test
  void hugeDeclaredStringIsRefusedBeforeAnythingIsAllocated() {
    // zig-zag varint for Integer.MAX_VALUE: Avro would allocate 2 GB for it
    byte[] value = HexFormat.of().parseHex("feffffff0f");

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: a string of 2147483647 bytes at byte 5 does not fit in the 5-byte value");
  }

  /**
   * An array of nulls (zero bytes an item) chained in blocks that each declare as many items as
   * there are bytes after them: each block alone fits, together they ask for far more items than
   * the value has bytes, which would cost the square of the value's size to decode.
   */
  @Test
  void zeroByteItemsBeyondOnePerByteOfTheValueAreMalformed() {
    org.apache.avro.Schema withNulls =
        new org.apache.avro.Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Padded", "fields": [
                  {"name": "sensor_id", "type": "string"},
                  {"name": "nothing", "type": {"type": "array", "items": "null"}}
                ]}""");
    // only sensor_id maps to a column: the array is read and dropped, as a writer-only field is
    AvroRecordDecoder padded =
        new AvroRecordDecoder(
            withNulls.toString(),
            java.util.List.of(
                new io.splitflow.common.schema.FieldSpec(
                    "sensor_id", io.splitflow.common.schema.FieldType.STRING, true)));
    java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
    value.writeBytes(new byte[] {6, 's', '-', '1'}); // sensor_id "s-1"
    for (int block = 0; block < 200; block++) {
      value.write(2 * 63); // zig-zag varint: a block of 63 nulls, each block fitting the bytes left
    }
    value.write(0);
    DecodeResult result = padded.decode(value.toByteArray());
    assertThat(result.error()).isEqualTo(DecodeError.MALFORMED_AVRO);
    assertThat(result.message())
        .startsWith("malformed Avro: an array block at byte ")
        .contains("items in its arrays and maps, more than its " + value.size() + " bytes");

    // a few nulls, within the bytes after them, are still a value
    java.io.ByteArrayOutputStream fits = new java.io.ByteArrayOutputStream();
    fits.writeBytes(new byte[] {6, 's', '-', '1', 2 * 1});
    fits.write(0);
    DecodeResult fitting = padded.decode(fits.toByteArray());
    assertThat(fitting.ok()).as(String.valueOf(fitting.message())).isTrue();
  }

  @Test
  void negativeStringLengthIsMalformed() {
    assertFailure(
        decoder.decode(new byte[] {3}),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: a string of negative length -2 at byte 1");
  }

  @Test
  void invalidUtf8InAStringIsMalformed() {
    byte[] value = plain(minimalReading().set("sensor_id", "s-é").build());
    value[3] = (byte) 0xff;

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: invalid UTF-8 in the string at byte 1");
  }

  @Test
  void booleanOtherThanZeroOrOneIsMalformed() {
    byte[] value = plain(reading());
    value[value.length - 1] = 5;

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: a boolean at byte " + (value.length - 1) + " is 0x05, not 0 or 1");
  }

  @Test
  void unionBranchOutOfRangeIsMalformed() {
    byte[] value = plain(minimalReading().build());
    value[value.length - 1] = 10;

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: the union branch or enum symbol index at byte "
            + (value.length - 1)
            + " is out of range");
  }

  @Test
  void randomBytesAreMalformed() {
    byte[] value = HexFormat.of().parseHex("9c0e7b2241ff03d5e8");

    assertFailure(
        decoder.decode(value),
        DecodeError.MALFORMED_AVRO,
        "malformed Avro: a string of 910 bytes at byte 2 does not fit in the 9-byte value");
  }
}
