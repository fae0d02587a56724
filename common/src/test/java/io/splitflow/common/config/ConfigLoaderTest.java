package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.job.JobName;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.table.CheckpointPaths;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.trigger.TriggerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static final String VALID =
      """
      kafka:
        bootstrap-servers: ${BROKERS:-localhost:9092}
        max-offsets-per-trigger: 1000
        options:
          security.protocol: SASL_SSL
      lake:
        root: /lake
      spark:
        spark.sql.shuffle.partitions: 4
      datasets:
        sensor_readings:
          topic: sensors
          trigger: interval=5m
          fields:
            - { name: sensor_id, type: string, required: true }
            - { name: reading_date, type: date, required: true }
            - { name: value, type: double }
            - { name: event_time, type: timestamp, required: true }
          merge:
            keys: [sensor_id, reading_date]
            sequence-by: event_time
      """;

  static SplitflowConfig parse(String yaml, String... overrides) {
    return ConfigLoader.parse(yaml, List.of(overrides), Map.of());
  }

  static void assertRejected(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void validConfigBindsEveryValueAndDefault() {
    SplitflowConfig config = parse(VALID);

    assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.kafka().startingOffsets()).isEqualTo("earliest");
    assertThat(config.kafka().maxOffsetsPerTrigger()).hasValue(1000);
    assertThat(config.kafka().failOnDataLoss()).isTrue();
    assertThat(config.kafka().options()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.lake().root()).isEqualTo("/lake");
    assertThat(config.lake().checkpointRoot()).isEqualTo("/lake/_checkpoints");
    assertThat(config.spark()).containsEntry("spark.sql.shuffle.partitions", "4");

    DatasetConfig dataset = config.dataset("sensor_readings");
    assertThat(dataset.topic()).isEqualTo("sensors");
    assertThat(dataset.format()).isEqualTo(DataFormat.JSON);
    assertThat(dataset.fields())
        .containsExactly(
            new FieldSpec("sensor_id", FieldType.STRING, true),
            new FieldSpec("reading_date", FieldType.DATE, true),
            new FieldSpec("value", FieldType.DOUBLE, false),
            new FieldSpec("event_time", FieldType.TIMESTAMP, true));
    assertThat(dataset.merge().mode()).isEqualTo(MergeMode.SCD1);
    assertThat(dataset.merge().keys()).containsExactly("sensor_id", "reading_date");
    assertThat(dataset.merge().sequenceBy()).containsExactly("event_time");
    assertThat(dataset.trigger()).contains(new TriggerSpec.Interval(Duration.ofMinutes(5)));
    assertThat(dataset.table(TableLayer.RAW))
        .isEqualTo(TableRef.atPath("/lake/raw/sensor_readings"));
    assertThat(dataset.table(TableLayer.DEAD_LETTER))
        .isEqualTo(TableRef.atPath("/lake/dead_letter/sensor_readings"));
    assertThat(CheckpointPaths.of(config, "sensor_readings", JobName.MERGE))
        .isEqualTo("/lake/_checkpoints/sensor_readings/merge");
  }

  @Test
  void environmentVariablesAreExpandedWithDefaults() {
    SplitflowConfig config =
        ConfigLoader.parse(VALID, List.of(), Map.of("BROKERS", "kafka-1:9093"));

    assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-1:9093");
  }

  @Test
  void unsetVariableWithoutDefaultNamesKeyAndVariable() {
    assertRejected(
        VALID.replace("${BROKERS:-localhost:9092}", "${BROKERS}"),
        "kafka.bootstrap-servers: environment variable BROKERS is not set; set it or write"
            + " ${BROKERS:-default}");
  }

  @Test
  void setOverridesWinOverFileAndEnvironment() {
    SplitflowConfig config =
        ConfigLoader.parse(
            VALID,
            List.of(
                "kafka.bootstrap-servers=override:9092",
                "kafka.options.sasl.mechanism=PLAIN",
                "datasets.sensor_readings.merge.keys=sensor_id",
                "lake.catalog=main"),
            Map.of("BROKERS", "from-env:9092"));

    assertThat(config.kafka().bootstrapServers()).isEqualTo("override:9092");
    assertThat(config.kafka().options()).containsEntry("sasl.mechanism", "PLAIN");
    DatasetConfig dataset = config.dataset("sensor_readings");
    assertThat(dataset.merge().keys()).containsExactly("sensor_id");
    assertThat(dataset.table(TableLayer.GOLD))
        .isEqualTo(TableRef.named("main.gold.sensor_readings"));
  }

  @Test
  void explicitTablesOverrideTheDefaults() {
    SplitflowConfig config =
        parse(
            VALID,
            "datasets.sensor_readings.tables.gold.table=prod.gold.readings",
            "datasets.sensor_readings.tables.raw.path=/elsewhere/raw");

    DatasetConfig dataset = config.dataset("sensor_readings");
    assertThat(dataset.table(TableLayer.GOLD)).isEqualTo(TableRef.named("prod.gold.readings"));
    assertThat(dataset.table(TableLayer.RAW)).isEqualTo(TableRef.atPath("/elsewhere/raw"));
  }

  @Test
  void unknownTopLevelKeyIsAnError() {
    assertRejected(
        VALID + "extra: 1\n",
        "extra: unknown key; allowed here: datasets, hadoop, kafka, lake, maintenance, metrics,"
            + " on-dataset-failure, spark");
  }

  @Test
  void unknownNestedKeyNamesItsPath() {
    assertRejected(
        VALID.replace("    topic: sensors", "    topic: sensors\n    topik: typo"),
        "datasets.sensor_readings.topik: unknown key; allowed here: columns, decimal-handling, decimal-rounding, envelope, fields, format,"
            + " freshness-slo,"
            + " max-dead-letter-ratio, merge, protobuf, registry, rules, schema, schema-evolution,"
            + " schema-growth, sizing, tables, tombstones, topic, trigger, unknown-fields");
  }

  @Test
  void missingRequiredKeysNameTheirPath() {
    assertRejected(
        VALID.replace("  bootstrap-servers: ${BROKERS:-localhost:9092}\n", ""),
        "kafka.bootstrap-servers: is required but missing");
    assertRejected(
        VALID.replace("    topic: sensors\n", ""),
        "datasets.sensor_readings.topic: is required but missing");
    assertRejected(
        VALID.replace("  root: /lake\n", "  catalog: main\n"),
        "lake.root: is required but missing");
    assertRejected(
        VALID.replace("      sequence-by: event_time\n", ""),
        "datasets.sensor_readings.merge.sequence-by: is required but missing");
  }

  @Test
  void badValuesSayWhatIsAllowed() {
    assertRejected(
        VALID.replace("trigger: interval=5m", "trigger: every 5m"),
        "datasets.sensor_readings.trigger: 'every 5m' is not a trigger; use available-now, once or"
            + " interval=<duration> (e.g. interval=30s, 5m, 1h)");
    assertRejected(
        VALID.replace("type: double", "type: float64"),
        "datasets.sensor_readings.fields[2].type: 'float64' is not a field type: unknown type"
            + " 'float64' at position 1; use string, int, long, float, double, boolean, date,"
            + " timestamp, short, byte, binary, timestamp_ntz, decimal(p,s), array<type>,"
            + " map<string, type> or struct<name: type, ...>");
    assertRejected(
        VALID.replace("max-offsets-per-trigger: 1000", "max-offsets-per-trigger: -5"),
        "kafka.max-offsets-per-trigger: '-5' is not a positive whole number");
    assertRejected(
        VALID.replace("  max-offsets-per-trigger: 1000", "  fail-on-data-loss: maybe"),
        "kafka.fail-on-data-loss: 'maybe' is not a boolean; use true or false");
    assertRejected(
        VALID.replace("  max-offsets-per-trigger: 1000", "  starting-offsets: newest"),
        "kafka.starting-offsets: 'newest' is not a starting position; use earliest, latest or a"
            + " JSON offsets map such as {\"topic\":{\"0\":23}}");
    assertRejected(
        VALID.replace("    topic: sensors", "    topic: sensors\n    format: xml"),
        "datasets.sensor_readings.format: 'xml' is not allowed; use one of json, avro, avro-confluent,"
            + " protobuf, protobuf-confluent, json-confluent");
  }

  @Test
  void mergeKeysMustBeRequiredDeclaredFields() {
    assertRejected(
        VALID.replace("keys: [sensor_id, reading_date]", "keys: [sensor_id, station]"),
        "datasets.sensor_readings.merge.keys: 'station' is not a declared field; declared:"
            + " sensor_id, reading_date, value, event_time");
    assertRejected(
        VALID.replace("keys: [sensor_id, reading_date]", "keys: [sensor_id, value]"),
        "datasets.sensor_readings.merge.keys: 'value' is a merge key and must be declared with"
            + " required: true");
    assertRejected(
        VALID.replace("sequence-by: event_time", "sequence-by: value"),
        "datasets.sensor_readings.merge.sequence-by: 'value' is a sequence column and must be"
            + " declared with required: true");
  }

  @Test
  void fieldNamesAreCheckedForClashesAndReservedPrefix() {
    assertRejected(
        VALID.replace("name: value,", "name: _value,"),
        "datasets.sensor_readings.fields[2].name: '_value' is not a field name; use letters, digits"
            + " and _, starting with a letter (names starting with _ are splitflow's)");
    assertRejected(
        VALID.replace("name: value,", "name: sensor_id,"),
        "datasets.sensor_readings.fields[2].name: 'sensor_id' is declared twice");
  }

  @Test
  void kafkaOptionsThatSparkOwnsAreRefused() {
    assertRejected(
        VALID.replace("security.protocol: SASL_SSL", "bootstrap.servers: x:1"),
        "kafka.options.bootstrap.servers: 'x:1' cannot be set here; use kafka.bootstrap-servers");
    assertRejected(
        VALID.replace("security.protocol: SASL_SSL", "enable.auto.commit: true"),
        "kafka.options.enable.auto.commit: 'true' is set by Spark's Kafka source and cannot be"
            + " overridden");
  }

  @Test
  void tableOverrideNeedsExactlyOneOfPathOrTable() {
    assertThatThrownBy(
            () ->
                parse(
                    VALID,
                    "datasets.sensor_readings.tables.gold.table=a.b.c",
                    "datasets.sensor_readings.tables.gold.path=/x"))
        .hasMessage(
            "datasets.sensor_readings.tables.gold: 'path and table' needs exactly one of path or table");
  }

  @Test
  void unknownDatasetListsTheKnownOnes() {
    assertThatThrownBy(() -> parse(VALID).dataset("sensors"))
        .hasMessage("--dataset: 'sensors' is not a dataset of this config; known: sensor_readings");
  }

  @Test
  void malformedYamlAndBadOverridesAreConfigErrors() {
    assertThatThrownBy(() -> parse("kafka: [unclosed"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config is not valid YAML: ");
    assertThatThrownBy(() -> parse(VALID, "no-equals-sign"))
        .hasMessage("--set: 'no-equals-sign' is not key=value");
    assertThatThrownBy(() -> parse(VALID, "lake.root.sub=x"))
        .hasMessage("--set lake.root.sub: lake.root is a value, not a mapping");
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(missing, List.of(), Map.of()))
        .hasMessage("config file " + missing + ": no such file");
  }

  @Test
  void shippedLocalConfigLoads() throws Exception {
    Path local = Path.of("..", "conf", "local.yaml");
    assertThat(Files.exists(local)).isTrue();
    SplitflowConfig config = ConfigLoader.load(local, List.of(), Map.of());
    assertThat(config.dataset("sensor_readings").merge().keys())
        .containsExactly("sensor_id", "reading_date");
  }

  @Test
  void shippedSeveralDatasetsConfigLoadsWithItsSizingAndFailurePolicy() throws Exception {
    SplitflowConfig config =
        ConfigLoader.load(Path.of("..", "conf", "datasets.yaml"), List.of(), Map.of());

    assertThat(config.datasets()).hasSize(3);
    assertThat(config.onDatasetFailure()).isEqualTo(OnDatasetFailure.ISOLATE);
    assertThat(config.dataset("sensor_readings").sizing().maxOffsetsPerTrigger())
        .hasValue(1_000_000);
    assertThat(config.dataset("sensor_readings_avro").merge().mode()).isEqualTo(MergeMode.SCD2);
    assertThat(config.spark()).containsEntry("spark.scheduler.mode", "FAIR");
  }

  @Test
  void shippedNestedOrdersConfigLoadsWithItsNestedTypes() throws Exception {
    DatasetConfig orders =
        ConfigLoader.load(Path.of("..", "conf", "orders.yaml"), List.of(), Map.of())
            .dataset("orders");

    assertThat(orders.fields())
        .extracting(f -> f.name() + " " + f.type().typeName() + (f.required() ? " required" : ""))
        .containsExactly(
            "order_id long required",
            "updated_at timestamp required",
            "status string required",
            "customer struct<id: long not null, name: string, address: struct<street: string,"
                + " city: string, country: string>> required",
            "items array<struct<sku: string not null, qty: int, price: decimal(10,2)>>",
            "tags array<string>",
            "attributes map<string, string>",
            "total decimal(12,2)");
  }
}
