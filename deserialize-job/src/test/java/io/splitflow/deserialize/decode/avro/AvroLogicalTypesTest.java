package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroRecordDecoderTest.assertFailure;
import static io.splitflow.deserialize.decode.avro.AvroTestData.plain;
import static io.splitflow.deserialize.decode.avro.AvroTestData.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;

/**
 * Dates and timestamps of every precision, written as Avro's raw ints and longs; local timestamps
 * are timestamp_ntz.
 */
class AvroLogicalTypesTest {

  private static final Schema TIMES =
      schema(
          """
          {"type": "record", "name": "Times", "fields": [
            {"name": "day", "type": {"type": "int", "logicalType": "date"}},
            {"name": "millis", "type": {"type": "long", "logicalType": "timestamp-millis"}},
            {"name": "micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
            {"name": "nanos", "type": {"type": "long", "logicalType": "timestamp-nanos"}},
            {"name": "local_millis", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
            {"name": "local_micros", "type": {"type": "long", "logicalType": "local-timestamp-micros"}}
          ]}
          """);

  private final AvroRecordDecoder decoder =
      new AvroRecordDecoder(TIMES.toString(), AvroFieldMapping.fields(TIMES));

  @Test
  void datesAndTimestampsOfEveryPrecisionBecomeLocalDatesAndInstants() {
    GenericRecord record =
        times(-1, 1_764_231_330_123L)
            .set("micros", 1_764_231_330_123_456L)
            .set("nanos", 1_764_231_330_123_456_789L)
            .set("local_micros", -1L)
            .build();

    assertThat(decoder.decode(plain(record)).values())
        .containsExactly(
            LocalDate.of(1969, 12, 31),
            Instant.parse("2025-11-27T08:15:30.123Z"),
            Instant.parse("2025-11-27T08:15:30.123456Z"),
            Instant.parse("2025-11-27T08:15:30.123456789Z"),
            LocalDateTime.parse("2025-11-27T08:15:30.123"),
            LocalDateTime.parse("1969-12-31T23:59:59.999999"));
  }

  @Test
  void aTimestampColumnTakesALocalTimestampAsUtcAsBeforeTimestampNtz() {
    List<FieldSpec> fields = new ArrayList<>(AvroFieldMapping.fields(TIMES));
    fields.set(4, new FieldSpec("local_millis", FieldType.TIMESTAMP, true));
    fields.set(5, new FieldSpec("local_micros", FieldType.TIMESTAMP, true));
    AvroRecordDecoder asUtc = new AvroRecordDecoder(TIMES.toString(), fields);

    assertThat(asUtc.decode(plain(times(0, 1_764_231_330_123L).build())).values())
        .endsWith(Instant.parse("2025-11-27T08:15:30.123Z"), Instant.EPOCH);
  }

  @Test
  void everyMillisValueBeyondWhatSparkStoresIsOutOfRange() {
    assertFailure(
        decoder.decode(plain(times(0, Long.MAX_VALUE).build())),
        DecodeError.OUT_OF_RANGE,
        "field 'millis': 9223372036854775807 ms is out of range for timestamp"
            + " (0000-01-01 to 9999-12-31); "
            + "field 'local_millis': 9223372036854775807 ms is out of range for timestamp_ntz"
            + " (0000-01-01 to 9999-12-31)");
  }

  @Test
  void datesAndTimestampsBeyondTheYears0000To9999AreOutOfRange() {
    GenericRecordBuilder farOut =
        times(Integer.MAX_VALUE, 253_402_300_800_000L) // 10000-01-01T00:00:00Z
            .set("micros", -62_167_219_200_000_001L) // a microsecond before 0000-01-01
            .set("nanos", Long.MIN_VALUE); // 1677, in range
    assertFailure(
        decoder.decode(plain(farOut.build())),
        DecodeError.OUT_OF_RANGE,
        "field 'day': 2147483647 days is out of range for date (0000-01-01 to 9999-12-31); "
            + "field 'millis': 253402300800000 ms is out of range for timestamp"
            + " (0000-01-01 to 9999-12-31); "
            + "field 'micros': -62167219200000001 us is out of range for timestamp"
            + " (0000-01-01 to 9999-12-31); "
            + "field 'local_millis': 253402300800000 ms is out of range for timestamp_ntz"
            + " (0000-01-01 to 9999-12-31)");
  }

  private static GenericRecordBuilder times(int day, long millis) {
    return new GenericRecordBuilder(TIMES)
        .set("day", day)
        .set("millis", millis)
        .set("micros", 0L)
        .set("nanos", 0L)
        .set("local_millis", millis)
        .set("local_micros", 0L);
  }
}
