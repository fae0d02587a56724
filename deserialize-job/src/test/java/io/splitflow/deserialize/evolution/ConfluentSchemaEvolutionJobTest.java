package io.splitflow.deserialize.evolution;

import static io.splitflow.deserialize.decode.avro.AvroTestData.DATE;
import static io.splitflow.deserialize.decode.avro.AvroTestData.READING;
import static io.splitflow.deserialize.decode.avro.AvroTestData.confluent;
import static io.splitflow.deserialize.decode.avro.AvroTestData.minimalReading;
import static io.splitflow.deserialize.decode.avro.AvroTestData.schema;
import static io.splitflow.deserialize.evolution.ConfluentFieldDiscoveryTest.CALIBRATED;
import static io.splitflow.deserialize.evolution.ConfluentFieldDiscoveryTest.V2;
import static io.splitflow.deserialize.evolution.ConfluentFieldDiscoveryTest.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deserialize-job on Confluent Avro: a newer writer's extra fields become bronze columns. */
class ConfluentSchemaEvolutionJobTest {
  private static final String V3 =
      """
      {"type": "record", "name": "Reading", "namespace": "io.splitflow.test", "fields": [
        {"name": "sensor_id", "type": "string"},
        {"name": "reading_date", "type": {"type": "int", "logicalType": "date"}},
        {"name": "battery", "type": "string"}
      ]}
      """;

  @TempDir Path dir;

  @BeforeEach
  void schemas() throws Exception {
    Files.writeString(dir.resolve("reading.avsc"), READING.toString());
    Path registry = Files.createDirectories(dir.resolve("registry"));
    Files.writeString(registry.resolve("1.avsc"), READING.toString());
    Files.writeString(registry.resolve("2.avsc"), V2);
    Files.writeString(registry.resolve("3.avsc"), V3);
  }

  private Lake lake(String evolution) {
    return new Lake(
        dir,
        """
            format: avro-confluent
            schema: { avro-file: reading.avsc }
            registry: { schemas-dir: registry }
            merge: { keys: [sensor_id, reading_date], sequence-by: reading_date }
        """
            + evolution);
  }

  @Test
  void aNewerWritersExtraFieldsBecomeColumnsAndOlderRecordsGetNull() throws Exception {
    Lake lake = lake("    schema-evolution: add-columns\n");
    lake.produce(List.of(confluent(1, minimalReading().set("sensor_id", "s-1").build())));
    lake.deserialize();
    lake.produce(
        List.of(v2("s-2", 0.5), confluent(1, minimalReading().set("sensor_id", "s-3").build())));
    lake.deserialize();

    assertThat(lake.bronze().columns()).endsWith("battery", "calibrated_at");
    assertThat(lake.bronze().orderBy("sensor_id").collectAsList())
        .extracting(
            r -> r.getAs("sensor_id"), r -> r.getAs("battery"), r -> r.getAs("calibrated_at"))
        .containsExactly(
            tuple("s-1", null, null),
            tuple("s-2", 0.5, Timestamp.from(CALIBRATED)),
            tuple("s-3", null, null));
    assertThat(lake.deadLetters().count()).isZero();
  }

  @Test
  void aWriterWhoseTypeDoesNotResolveToTheEvolvedColumnIsIncompatibleNamingTheField()
      throws Exception {
    Lake lake = lake("    schema-evolution: add-columns\n");
    lake.produce(List.of(v2("s-2", 0.5)));
    lake.deserialize();
    lake.produce(
        List.of(
            confluent(
                3,
                new GenericRecordBuilder(schema(V3))
                    .set("sensor_id", "s-4")
                    .set("reading_date", DATE)
                    .set("battery", "low")
                    .build())));
    lake.deserialize();

    assertThat(lake.bronze().count()).isEqualTo(1);
    Row dead = lake.deadLetters().first();
    assertThat(dead.<String>getAs("error_class")).isEqualTo("INCOMPATIBLE_SCHEMA");
    assertThat(dead.<String>getAs("error_message"))
        .startsWith("schema id 3 is incompatible with the reader schema: field 'battery': ");
  }

  @Test
  void theRecordsOfAWriterWithAFieldSchemaGrowthRefusesAreUnknownFieldDeadLetters()
      throws Exception {
    Lake lake =
        lake(
            "    schema-evolution: add-columns\n"
                + "    schema-growth: { allow: \"battery|firmware\" }\n");
    lake.produce(
        List.of(v2("s-2", 0.5), confluent(1, minimalReading().set("sensor_id", "s-1").build())));
    lake.deserialize();

    // writer 2 brings battery and calibrated_at: calibrated_at is refused, so its records are
    // dead letters, and battery, which only they carry, is not added either
    assertThat(lake.bronze().columns()).doesNotContain("battery", "calibrated_at");
    assertThat(lake.bronze().collectAsList())
        .extracting(r -> r.getAs("sensor_id"))
        .containsExactly("s-1");
    Row dead = lake.deadLetters().first();
    assertThat(lake.deadLetters().count()).isEqualTo(1);
    assertThat(dead.<String>getAs("error_class")).isEqualTo("UNKNOWN_FIELD");
    assertThat(dead.<String>getAs("error_message"))
        .isEqualTo(
            "new field 'calibrated_at' was not added as a column: its name does not match"
                + " schema-growth.allow (battery|firmware) (and 1 more new field(s))");
  }

  @Test
  void withoutAddColumnsANewerWritersExtraFieldsAreSkipped() throws Exception {
    Lake lake = lake("");
    lake.produce(List.of(v2("s-2", 0.5)));
    lake.deserialize();

    assertThat(lake.bronze().columns()).doesNotContain("battery", "calibrated_at");
    assertThat(lake.bronze().count()).isEqualTo(1);
  }
}
