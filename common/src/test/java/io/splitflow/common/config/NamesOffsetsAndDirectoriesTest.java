package io.splitflow.common.config;

import static io.splitflow.common.config.ConfigLoaderTest.VALID;
import static io.splitflow.common.config.ConfigLoaderTest.assertRejected;
import static io.splitflow.common.config.ConfigLoaderTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.table.TableRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values that Spark or Kafka would only refuse once a job had created its table and checkpoint
 * (HostileConfigIT found them): checked when the config loads, so the job exits 2 having touched
 * nothing.
 */
class NamesOffsetsAndDirectoriesTest {

  private static final String TABLE = "datasets.sensor_readings.tables.gold.table=";

  @ParameterizedTest
  @ValueSource(strings = {"gold table", "a.b.c.d", "gold;DROP", "1gold", "a..b", ".a", "`a"})
  void tableNameThatSparkCannotParseIsRefusedNamingTheKey(String name) {
    assertThatThrownBy(() -> parse(VALID, TABLE + name))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "datasets.sensor_readings.tables.gold.table: '"
                + name
                + "' is not a table name; use [catalog.][schema.]table, each part letters, digits"
                + " and _ (not starting with a digit) or `backquoted`");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gold", "lake.gold", "main.lake.gold_v2", "main.`my lake`.`gold``s`"})
  void tableNamesOfOneToThreePartsAreTaken(String name) {
    assertThat(parse(VALID, TABLE + name).dataset("sensor_readings").table(TableLayer.GOLD))
        .isEqualTo(TableRef.named(name));
  }

  @Test
  void catalogIsOneName() {
    assertThat(parse(VALID, "lake.catalog=main").lake().catalog()).hasValue("main");
    assertThatThrownBy(() -> parse(VALID, "lake.catalog=main.lake"))
        .hasMessageStartingWith("lake.catalog: 'main.lake' is not a catalog name");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{not json",
        "{}",
        "{\"t\":23}",
        "{\"t\":{}}",
        "{\"t\":{\"zero\":1}}",
        "{\"t\":{\"0\":\"23\"}}",
        "{\"t\":{\"0\":1.5}}",
        "{\"t\":{\"0\":-3}}",
        "{\"t\":{\"0\":1}} trailing"
      })
  void startingOffsetsThatAreNotAnOffsetsMapAreRefused(String offsets) {
    assertRejected(
        VALID.replace(
            "  max-offsets-per-trigger: 1000\n", "  starting-offsets: '" + offsets + "'\n"),
        "kafka.starting-offsets: '"
            + offsets
            + "' is not a starting position; use earliest, latest or a JSON offsets map such as"
            + " {\"topic\":{\"0\":23}}");
  }

  @Test
  void startingOffsetsMapWithEarliestAndLatestMarkersIsTaken() {
    String offsets = "{\"t\":{\"0\":23,\"1\":-2,\"2\":-1}}";
    assertThat(parse(VALID, "kafka.starting-offsets=" + offsets).kafka().startingOffsets())
        .isEqualTo(offsets);
  }

  @Test
  void registrySchemasDirMustBeADirectory(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("r.avsc"),
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    Files.createDirectories(dir.resolve("registry"));
    String yaml =
        """
        kafka: { bootstrap-servers: "localhost:9092" }
        lake: { root: /lake }
        datasets:
          d:
            topic: t
            format: avro-confluent
            schema: { avro-file: r.avsc }
            registry: { schemas-dir: registry }
            merge: { keys: id, sequence-by: id }
        """;

    assertThat(ConfigLoader.parse(yaml, List.of(), Map.of(), dir).dataset("d").format())
        .isEqualTo(DataFormat.AVRO_CONFLUENT);
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    yaml.replace("schemas-dir: registry", "schemas-dir: nowhere"),
                    List.of(),
                    Map.of(),
                    dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "datasets.d.registry.schemas-dir: 'nowhere' is not a directory ("
                + dir.resolve("nowhere")
                + ")");
  }
}
