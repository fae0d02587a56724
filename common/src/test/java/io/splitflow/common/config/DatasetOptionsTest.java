package io.splitflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset keys beyond the basics: schema sources, decoding, rules, merge options. */
class DatasetOptionsTest {
  private static final String HEAD =
      """
      kafka: { bootstrap-servers: "k:9092" }
      lake: { root: /lake }
      datasets:
        d:
          topic: t
      """;
  private static final String FIELDS =
      """
          fields:
            - { name: id, type: string, required: true }
            - { name: day, type: date, required: true }
            - { name: v, type: double }
            - { name: at, type: timestamp, required: true }
      """;
  private static final String MERGE =
      """
          merge: { keys: [id, day], sequence-by: at }
      """;

  @TempDir Path dir;

  private DatasetConfig dataset(String body) {
    return ConfigLoader.parse(HEAD + body, List.of(), Map.of(), dir).dataset("d");
  }

  private void rejected(String body, String message) {
    assertThatThrownBy(() -> dataset(body)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void defaultsAreTheSafeOnes() {
    DatasetConfig d = dataset(FIELDS + MERGE);
    assertThat(d.decode().unknownFields()).isEqualTo(UnknownFields.IGNORE);
    assertThat(d.decode().rules()).isEmpty();
    assertThat(d.decode().maxDeadLetterRatio()).isEmpty();
    assertThat(d.decode().tombstoneKey()).isEmpty();
    assertThat(d.schemaEvolution()).isEqualTo(SchemaEvolution.NONE);
    assertThat(d.merge().mode()).isEqualTo(MergeMode.SCD1);
    assertThat(d.merge().deletionVectors()).isFalse();
    assertThat(d.merge().changeDataFeed()).isFalse();
    assertThat(d.merge().partitionBy()).isEmpty();
    assertThat(d.merge().trackHistoryColumns()).isEmpty();
  }

  @Test
  void fieldsComeFromASparkDdlString() {
    DatasetConfig d =
        dataset(
            "    schema: { ddl: \"id STRING NOT NULL, day DATE NOT NULL, v DOUBLE, at TIMESTAMP NOT NULL\" }\n"
                + MERGE);
    assertThat(d.fields())
        .containsExactly(
            new FieldSpec("id", FieldType.STRING, true),
            new FieldSpec("day", FieldType.DATE, true),
            new FieldSpec("v", FieldType.DOUBLE, false),
            new FieldSpec("at", FieldType.TIMESTAMP, true));
  }

  @Test
  void fieldsComeFromAnAvroSchemaFileRelativeToTheConfig() throws Exception {
    Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(
        dir.resolve("schemas/r.avsc"),
        """
        {"type":"record","name":"R","fields":[
          {"name":"id","type":"string"},
          {"name":"day","type":{"type":"int","logicalType":"date"}},
          {"name":"v","type":["null","double"],"default":null},
          {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}}]}
        """);
    DatasetConfig d =
        dataset(
            "    format: avro-confluent\n    schema: { avro-file: schemas/r.avsc }\n    registry: { schemas-dir: schemas }\n"
                + MERGE);
    assertThat(d.fields())
        .containsExactly(
            new FieldSpec("id", FieldType.STRING, true),
            new FieldSpec("day", FieldType.DATE, true),
            new FieldSpec("v", FieldType.DOUBLE, false),
            new FieldSpec("at", FieldType.TIMESTAMP, true));
    assertThat(d.decode().avroSchema())
        .hasValueSatisfying(s -> assertThat(s).contains("\"name\":\"R\""));
    assertThat(d.decode().registry().orElseThrow().schemasDir())
        .contains(dir.resolve("schemas").toString());
  }

  @Test
  void fieldsComeFromAJsonSchemaFile() throws Exception {
    Files.writeString(
        dir.resolve("r.json"),
        """
        {"type":"object","required":["id","day","at"],"properties":{
          "id":{"type":"string"},"day":{"type":"string","format":"date"},
          "v":{"type":["number","null"]},"at":{"type":"string","format":"date-time"}}}
        """);
    assertThat(dataset("    schema: { json-schema-file: r.json }\n" + MERGE).fields())
        .containsExactly(
            new FieldSpec("id", FieldType.STRING, true),
            new FieldSpec("day", FieldType.DATE, true),
            new FieldSpec("v", FieldType.DOUBLE, false),
            new FieldSpec("at", FieldType.TIMESTAMP, true));
  }

  @Test
  void schemaSourcesAreCheckedNamingTheKey() {
    rejected(
        MERGE,
        "datasets.d: 'neither' needs exactly one of fields (a list) or schema (ddl, avro-file or json-schema-file)");
    rejected(
        "    schema: { ddl: \"id STRING, m MAP<INT,INT>\" }\n" + MERGE,
        "datasets.d.schema.ddl: field 'm': map keys must be string, found int");
    rejected(
        "    schema: { avro-file: missing.avsc }\n" + MERGE,
        "datasets.d.schema.avro-file: 'missing.avsc' cannot be read ("
            + dir.resolve("missing.avsc")
            + "): "
            + dir.resolve("missing.avsc"));
    rejected(
        "    format: avro\n" + FIELDS + MERGE,
        "datasets.d.fields: '[...]' cannot describe avro records; give schema.avro-file");
  }

  @Test
  void confluentFormatNeedsExactlyOneRegistrySource() throws Exception {
    Files.writeString(
        dir.resolve("r.avsc"),
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"at\",\"type\":\"long\"}]}");
    String body =
        "    format: avro-confluent\n    schema: { avro-file: r.avsc }\n    merge: { keys: id, sequence-by: at }\n";
    rejected(
        body + "    registry: {}\n",
        "datasets.d.registry: '{}' needs exactly one of url or schemas-dir");
    rejected(
        body + "    registry: { url: \"ftp://x\" }\n",
        "datasets.d.registry.url: 'ftp://x' is not an http(s) URL");
    rejected(
        body + "    registry: { url: \"http://r:8081\", password: p }\n",
        "datasets.d.registry.username: is required but missing");
    RegistrySettings registry =
        dataset(body + "    registry: { url: \"https://r:8081\", username: u, password: secret }\n")
            .decode()
            .registry()
            .orElseThrow();
    assertThat(registry.url()).contains("https://r:8081");
    assertThat(registry.toString()).doesNotContain("secret");
    rejected(
        FIELDS + MERGE + "    registry: { url: \"http://r:8081\" }\n",
        "datasets.d.registry: '{...}' only applies to format avro-confluent");
  }

  @Test
  void confluentJsonAndProtobufDecodeWithTheirOwnSchemaAndTakeNoRegistry() throws Exception {
    Files.writeString(dir.resolve("d.desc"), "");
    String protobuf = "    protobuf: { descriptor-file: d.desc, message: shop.Order }\n";
    DatasetConfig d = dataset("    format: protobuf-confluent\n" + protobuf + FIELDS + MERGE);
    assertThat(d.format()).isEqualTo(DataFormat.PROTOBUF_CONFLUENT);
    assertThat(d.decode().protobuf().orElseThrow().message()).isEqualTo("shop.Order");
    assertThat(dataset("    format: json-confluent\n" + FIELDS + MERGE).format())
        .isEqualTo(DataFormat.JSON_CONFLUENT);
    rejected(
        "    format: json-confluent\n" + FIELDS + MERGE + "    registry: { url: \"http://r\" }\n",
        "datasets.d.registry: '{...}' only applies to format avro-confluent; json-confluent"
            + " decodes with the dataset's own schema and does not look schema ids up");
    rejected(
        "    format: protobuf-confluent\n" + FIELDS + MERGE,
        "datasets.d.protobuf: is required but missing");
    rejected(
        "    format: json-confluent\n" + protobuf + FIELDS + MERGE,
        "datasets.d.protobuf: '{...}' only applies to format protobuf or protobuf-confluent");
  }

  @Test
  void rulesAreCheckedForShapeHere() {
    DatasetConfig d =
        dataset(
            FIELDS
                + MERGE
                + "    rules:\n      - { name: in_range, expr: \"v BETWEEN 0 AND 1\" }\n      - { name: custom, class: com.acme.R, action: warn }\n");
    assertThat(d.decode().rules())
        .containsExactly(
            new RuleConfig(
                "in_range",
                java.util.Optional.of("v BETWEEN 0 AND 1"),
                java.util.Optional.empty(),
                "dead-letter"),
            new RuleConfig(
                "custom", java.util.Optional.empty(), java.util.Optional.of("com.acme.R"), "warn"));
    rejected(
        FIELDS + MERGE + "    rules: [{ name: r, expr: \"v > 0\", action: shout }]\n",
        "datasets.d.rules[0].action: 'shout' is not allowed; use one of dead-letter, drop, warn, fail");
    rejected(
        FIELDS + MERGE + "    rules: [{ name: r }]\n",
        "datasets.d.rules[0]: 'r' needs exactly one of expr (SQL) or class (Java)");
    rejected(
        FIELDS + MERGE + "    rules: [{ name: r, expr: a }, { name: r, expr: b }]\n",
        "datasets.d.rules[1].name: 'r' is declared twice");
  }

  @Test
  void errorBudgetAndTombstones() {
    DatasetConfig d =
        dataset(
            FIELDS
                + MERGE
                + "    max-dead-letter-ratio: 0.05\n    tombstones: { key-format: delimited }\n");
    assertThat(d.decode().maxDeadLetterRatio()).hasValue(0.05);
    assertThat(d.decode().tombstoneKey())
        .contains(new TombstoneKey("delimited", java.util.Optional.of("|")));
    rejected(
        FIELDS + MERGE + "    max-dead-letter-ratio: 5%\n",
        "datasets.d.max-dead-letter-ratio: '5%' is not a share; use a number in (0, 1], e.g. 0.05");
    rejected(
        FIELDS + MERGE + "    tombstones: { key-format: avro }\n",
        "datasets.d.tombstones.key-format: 'avro' is not allowed; use one of delimited, json");
  }

  @Test
  void mergeOptions() {
    DatasetConfig d =
        dataset(
            FIELDS
                + "    merge: { mode: scd2, keys: [id, day], sequence-by: at, track-history-columns: [v],"
                + " delete-when: \"v < 0\", change-data-feed: true, deletion-vectors: true, partition-by: day }\n"
                + "    schema-evolution: add-columns\n");
    assertThat(d.merge().mode()).isEqualTo(MergeMode.SCD2);
    assertThat(d.merge().trackHistoryColumns()).containsExactly("v");
    assertThat(d.merge().deleteWhen()).contains("v < 0");
    assertThat(d.merge().changeDataFeed()).isTrue();
    assertThat(d.merge().deletionVectors()).isTrue();
    assertThat(d.merge().partitionBy()).containsExactly("day");
    assertThat(d.schemaEvolution()).isEqualTo(SchemaEvolution.ADD_COLUMNS);
    rejected(
        FIELDS + "    merge: { keys: [id, day], sequence-by: at, partition-by: v }\n",
        "datasets.d.merge.partition-by: 'v' must be one of merge.keys, so that a key's rows never move between partitions");
    rejected(
        FIELDS + "    merge: { keys: [id, day], sequence-by: at, track-history-columns: v }\n",
        "datasets.d.merge.track-history-columns: '[...]' only applies to merge.mode scd2");
  }

  @Test
  void debeziumEnvelopeNeedsAConverterFormat() throws Exception {
    Files.writeString(
        dir.resolve("r.avsc"),
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"source_ts_ms\",\"type\":\"long\"}]}");
    String merge = "    merge: { keys: id, sequence-by: source_ts_ms }\n";
    assertThat(
            dataset(
                    "    envelope: debezium\n    schema: { ddl: \"id BIGINT NOT NULL, source_ts_ms BIGINT NOT NULL\" }\n"
                        + merge)
                .decode()
                .envelope())
        .isEqualTo(Envelope.DEBEZIUM);
    assertThat(
            dataset(
                    "    envelope: debezium\n    format: avro-confluent\n    schema: { avro-file: r.avsc }\n    registry: { schemas-dir: . }\n"
                        + merge)
                .decode()
                .envelope())
        .isEqualTo(Envelope.DEBEZIUM);
    rejected(
        "    envelope: debezium\n    format: avro\n    schema: { avro-file: r.avsc }\n" + merge,
        "datasets.d.envelope: 'debezium' is supported with format json (Debezium's JSON converter) or avro-confluent (Confluent's Avro converter) only");
  }
}
