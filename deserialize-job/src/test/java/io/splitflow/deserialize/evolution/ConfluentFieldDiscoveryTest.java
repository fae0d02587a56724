package io.splitflow.deserialize.evolution;

import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING_FIELDS;
import static io.splitflow.deserialize.decode.avro.AvroTestData.confluent;
import static io.splitflow.deserialize.decode.avro.AvroTestData.minimalReading;
import static io.splitflow.deserialize.decode.avro.AvroTestData.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.avro.AvroTestData;
import io.splitflow.deserialize.decode.avro.ConfluentAvroDecoder;
import io.splitflow.deserialize.decode.registry.CachingSchemaRegistry;
import io.splitflow.deserialize.decode.registry.DirectorySchemaRegistry;
import io.splitflow.deserialize.decode.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer schemas of a Confluent batch, the fields they add, and the extended reader. */
class ConfluentFieldDiscoveryTest {
  /** The reading with a battery level, a calibration time in millis and tags (not a column). */
  static final String V2 =
      """
      {"type": "record", "name": "Reading", "namespace": "io.splitflow.test", "fields": [
        {"name": "sensor_id", "type": "string"},
        {"name": "reading_date", "type": {"type": "int", "logicalType": "date"}},
        {"name": "battery", "type": ["null", "double"], "default": null},
        {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []},
        {"name": "calibrated_at", "type": {"type": "long", "logicalType": "timestamp-millis"}}
      ]}
      """;

  static final Instant CALIBRATED = Instant.parse("2026-11-01T10:00:00.250Z");

  @TempDir Path schemas;

  private SchemaRegistry registry() throws IOException {
    Files.writeString(schemas.resolve("1.avsc"), READING.toString());
    Files.writeString(schemas.resolve("2.avsc"), V2);
    return new CachingSchemaRegistry(new DirectorySchemaRegistry(schemas.toString()));
  }

  static byte[] v2(String sensor, double battery) {
    return confluent(
        2,
        new GenericRecordBuilder(schema(V2))
            .set("sensor_id", sensor)
            .set("reading_date", AvroTestData.DATE)
            .set("battery", battery)
            .set("calibrated_at", CALIBRATED.toEpochMilli())
            .build());
  }

  private static Dataset<Row> values(byte[]... values) {
    List<Row> rows = new ArrayList<>();
    for (byte[] value : values) {
      rows.add(RowFactory.create((Object) value));
    }
    return SparkTestSession.get()
        .createDataFrame(rows, new StructType().add("value", DataTypes.BinaryType))
        .repartition(2);
  }

  @Test
  void schemaIdsAreTheDistinctIdsOfWellFramedValues() {
    assertThat(
            ConfluentFieldDiscovery.schemaIds(
                values(
                    confluent(1, minimalReading().build()),
                    v2("s-2", 0.5),
                    v2("s-3", 0.6),
                    AvroTestData.framed(-2, new byte[] {1}),
                    new byte[] {1, 0, 0, 0, 9, 0},
                    new byte[] {0, 0, 0},
                    null)))
        .containsExactly(-2, 1, 2);
  }

  @Test
  void writerFieldsTheReaderLacksAreNewUnlessKnownOrNotAColumnType() throws IOException {
    SchemaRegistry registry = registry();
    List<Schema> writers = ConfluentFieldDiscovery.writers(List.of(1, 2, 99), registry);

    assertThat(writers).hasSize(2);
    assertThat(ConfluentFieldDiscovery.discover(READING, writers, Set.of()))
        .containsExactly(
            new FieldSpec("battery", FieldType.DOUBLE, false),
            new FieldSpec("calibrated_at", FieldType.TIMESTAMP, false));
    assertThat(ConfluentFieldDiscovery.discover(READING, writers, Set.of("battery")))
        .extracting(FieldSpec::name)
        .containsExactly("calibrated_at");
  }

  @Test
  void theExtendedReaderFillsNewFieldsFromWritersThatHaveThemAndNullOtherwise() throws IOException {
    SchemaRegistry registry = registry();
    List<Schema> writers = ConfluentFieldDiscovery.writers(List.of(1, 2), registry);
    List<FieldSpec> extras = ConfluentFieldDiscovery.discover(READING, writers, Set.of());
    List<FieldSpec> fields = new ArrayList<>(READING_FIELDS);
    fields.addAll(extras);
    ConfluentAvroDecoder decoder =
        new ConfluentAvroDecoder(
            ConfluentFieldDiscovery.extend(READING, extras, writers).toString(), fields, registry);

    DecodeResult v2 = decoder.decode(v2("s-2", 0.5));
    DecodeResult v1 = decoder.decode(confluent(1, minimalReading().build()));

    // the timestamp keeps the writer's millisecond precision
    assertThat(Arrays.asList(v2.values()).subList(8, 10)).containsExactly(0.5, CALIBRATED);
    assertThat(Arrays.asList(v1.values()).subList(8, 10)).containsExactly(null, null);
  }

  @Test
  void aColumnNoWriterOfTheBatchHasTakesThePlainSchemaOfItsType() {
    List<FieldSpec> extras =
        List.of(
            new FieldSpec("day", FieldType.DATE, false),
            new FieldSpec("at", FieldType.TIMESTAMP, false));

    Schema extended = ConfluentFieldDiscovery.extend(READING, extras, List.of());

    assertThat(extended.getField("day").schema().toString())
        .isEqualTo("[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}]");
    assertThat(extended.getField("at").schema().toString())
        .isEqualTo("[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}]");
    assertThat(extended.getField("at").defaultVal()).isEqualTo(JsonProperties.NULL_VALUE);
    assertThat(extended.getFullName()).isEqualTo(READING.getFullName());
  }

  @Test
  void writerFieldsOfNestedTypesAreNotDiscovered() {
    Schema writer =
        schema(
            """
            {"type": "record", "name": "Reading", "namespace": "io.splitflow.test", "fields": [
              {"name": "sensor_id", "type": "string"},
              {"name": "site", "type": {"type": "record", "name": "Site",
                "fields": [{"name": "id", "type": "long"}]}},
              {"name": "labels", "type": {"type": "map", "values": "string"}},
              {"name": "raw", "type": "bytes"},
              {"name": "either", "type": ["null", "string", "long"]},
              {"name": "level", "type": "double"}
            ]}
            """);

    assertThat(ConfluentFieldDiscovery.discover(READING, List.of(writer), Set.of()))
        .containsExactly(new FieldSpec("level", FieldType.DOUBLE, false));
  }
}
