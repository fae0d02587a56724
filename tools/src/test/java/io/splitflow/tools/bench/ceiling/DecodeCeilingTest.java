package io.splitflow.tools.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.Meter;
import io.splitflow.tools.bench.Stages;
import io.splitflow.tools.generate.ConfluentAvroTranscoder;
import io.splitflow.tools.generate.Expectation;
import io.splitflow.tools.generate.GeneratorSettings;
import io.splitflow.tools.generate.Message;
import io.splitflow.tools.generate.MessageKind;
import io.splitflow.tools.generate.SensorGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DecodeCeilingTest {
  private static final Path SCHEMAS = Path.of("..", "conf", "schemas");
  private static final String GOOD =
      "{\"sensor_id\":\"sensor-00001\",\"reading_date\":\"2026-11-25\",\"value\":21.5,"
          + "\"unit\":\"C\",\"event_time\":\"2026-11-25T06:00:00.123Z\"}";

  @Test
  void aJsonReadingDecodesIntoTypedValues() {
    Object[] row = new JsonReadingDecoder().decode(bytes(GOOD));

    assertThat(row)
        .containsExactly(
            "sensor-00001",
            LocalDate.of(2026, 11, 25),
            21.5,
            "C",
            Instant.parse("2026-11-25T06:00:00.123Z"));
  }

  @Test
  void onlyPayloadsWithNoTypedRowFailTheJsonDecode() throws Exception {
    List<byte[]> decodable =
        List.of(
            bytes(GOOD),
            bytes("{\"sensor_id\":\"s\",\"value\":1.0}"), // missing fields are nulls
            bytes(GOOD.replace("21.5", "\"abc\"")), // a text value is the job's rules' business
            bytes(GOOD.replace("\"sensor-00001\"", "1")), // so is a numeric sensor id
            bytes(GOOD.replace("\"2026-11-25\"", "null")),
            bytes(GOOD.replace("{", "{\"extra\":{\"a\":[1,2]},")), // unknown fields are skipped
            bytes(" " + GOOD + "\n"));
    List<byte[]> failing =
        List.of(
            bytes(GOOD.replace("\"2026-11-25\"", "\"25/11/2026\"")), // a day-first date
            bytes(GOOD.replace("06:00:00.123Z", "06:00")), // a time without zone
            bytes(GOOD.replace("\"2026-11-25\"", "20261125")), // a date that is no string
            bytes(GOOD.substring(0, GOOD.length() / 2)), // truncated
            bytes("sensor-00001 2026-11-25 21.5 C"), // plain text
            bytes("[" + GOOD + "]"), // an array
            bytes(GOOD.replace("}", ",}")), // a trailing comma
            bytes(GOOD + " {}"), // trailing content
            bytes(GOOD.replace("21.5", "{\"v\":21.5}")), // a nested value
            bytes(""));
    List<byte[]> payloads = new ArrayList<>(decodable);
    payloads.addAll(failing);

    Measurement l2 = DecodeCeiling.measure(Meter.local(), payloads, DecodeFormat.json(), 1);

    assertThat(l2.records()).isEqualTo(payloads.size());
    assertThat(l2.details())
        .containsEntry("decoded", (long) decodable.size())
        .containsEntry("failures", (long) failing.size())
        .containsEntry("format", "json")
        .containsEntry("threads", 1);
  }

  @Test
  void twoThreadsDecodeWhatOneDoesAndFailOnlyMalformedJsonAndDayFirstDates() throws Exception {
    SensorGenerator generator = new SensorGenerator(GeneratorSettings.defaults(20_000));
    List<byte[]> payloads = values(generator);
    Expectation expected = generator.expectation();
    Pattern dayFirst = Pattern.compile("\"reading_date\":\"\\d\\d/");
    long dayFirstDates = payloads.stream().filter(p -> dayFirst.matcher(text(p)).find()).count();

    Measurement one = DecodeCeiling.measure(Meter.local(), payloads, DecodeFormat.json(), 1);
    Measurement two = DecodeCeiling.measure(Meter.local(), payloads, DecodeFormat.json(), 2);

    assertThat(dayFirstDates).isPositive();
    assertThat(one.name()).isEqualTo(Stages.L2_DECODE_1);
    assertThat(two.name()).isEqualTo(Stages.L2_DECODE_2);
    assertThat(one.details().get("failures"))
        .isEqualTo(expected.count(MessageKind.MALFORMED) + dayFirstDates);
    assertThat(two.details())
        .containsEntry("decoded", one.details().get("decoded"))
        .containsEntry("failures", one.details().get("failures"))
        .containsEntry("non-null values", one.details().get("non-null values"));
    assertThat(one.records()).isEqualTo(two.records()).isEqualTo(20_000);
    assertThat(one.cpuSeconds()).isPositive();
  }

  @Test
  void confluentAvroDecodesEveryGoodReadingUnderEitherWriterSchema() throws Exception {
    SensorGenerator generator = new SensorGenerator(GeneratorSettings.defaults(5_000));
    List<byte[]> payloads =
        values(
            new ConfluentAvroTranscoder(
                generator,
                Files.readString(SCHEMAS.resolve("registry/1.avsc")),
                Files.readString(SCHEMAS.resolve("registry/2.avsc"))));
    Expectation expected = generator.expectation();
    DecodeFormat avro =
        DecodeFormat.confluentAvro(
            SCHEMAS.resolve("sensor_reading.avsc"), SCHEMAS.resolve("registry"));

    Measurement one = DecodeCeiling.measure(Meter.local(), payloads, avro, 1);
    Measurement two = DecodeCeiling.measure(Meter.local(), payloads, avro, 2);

    // truncated bodies, a wrong magic byte and an unknown schema id are the failures
    assertThat(expected.invalidRecords()).isPositive();
    assertThat(one.details())
        .containsEntry("format", "avro-confluent")
        .containsEntry("decoded", expected.validRecords())
        .containsEntry("failures", expected.invalidRecords());
    assertThat(two.details())
        .containsEntry("decoded", expected.validRecords())
        .containsEntry("failures", expected.invalidRecords());
  }

  @Test
  void anAvroReadingDecodesIntoTypedValues() throws Exception {
    SensorGenerator generator = new SensorGenerator(GeneratorSettings.defaults(50));
    List<Message> json = new ArrayList<>();
    generator.forEachRemaining(json::add);
    List<byte[]> avro =
        values(
            new ConfluentAvroTranscoder(
                json.iterator(),
                Files.readString(SCHEMAS.resolve("registry/1.avsc")),
                Files.readString(SCHEMAS.resolve("registry/2.avsc"))));
    ReadingDecoder jsonDecoder = DecodeFormat.json().newDecoder();
    ReadingDecoder avroDecoder =
        DecodeFormat.confluentAvro(
                SCHEMAS.resolve("sensor_reading.avsc"), SCHEMAS.resolve("registry"))
            .newDecoder();

    for (int i = 0; i < json.size(); i++) {
      if (json.get(i).kind() == MessageKind.VALID) {
        assertThat(avroDecoder.decode(avro.get(i)))
            .as("message %d", i)
            .containsExactly(jsonDecoder.decode(json.get(i).value()));
      }
    }
  }

  private static List<byte[]> values(java.util.Iterator<Message> messages) {
    List<byte[]> values = new ArrayList<>();
    messages.forEachRemaining(m -> values.add(m.value()));
    return values;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
