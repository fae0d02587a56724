package io.splitflow.deserialize.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.deserialize.evolution.JsonFieldDiscovery.Kind;
import io.splitflow.deserialize.evolution.JsonFieldDiscovery.Observation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The new top-level fields of a batch of JSON values, and their types. */
class JsonFieldDiscoveryTest {

  private static Dataset<Row> values(String... jsons) {
    List<Row> rows = new ArrayList<>();
    for (String json : jsons) {
      rows.add(
          RowFactory.create(
              (Object) (json == null ? null : json.getBytes(StandardCharsets.UTF_8))));
    }
    // repartitioned so the scan runs in tasks, where a serialization bug would show
    return SparkTestSession.get()
        .createDataFrame(rows, new StructType().add("value", DataTypes.BinaryType))
        .repartition(2);
  }

  private static FieldSpec optional(String name, FieldType type) {
    return new FieldSpec(name, type, false);
  }

  @Test
  void scalarsMakeTypedFieldsSortedByNameAndKnownNamesInAnyCaseAreSkipped() {
    List<FieldSpec> found =
        JsonFieldDiscovery.discover(
            values(
                "{\"id\":\"a\",\"count\":3,\"ratio\":0.5,\"on\":true,\"unit\":\"C\",\"ID\":\"x\"}",
                "{\"id\":\"b\",\"count\":4,\"ratio\":1,\"on\":false}",
                null),
            Set.of("id"));

    assertThat(found)
        .containsExactly(
            optional("count", FieldType.LONG),
            optional("on", FieldType.BOOLEAN),
            optional("ratio", FieldType.DOUBLE),
            optional("unit", FieldType.STRING));
  }

  @Test
  void objectsArraysNullsMalformedValuesAndNamesThatCannotBeColumnsAddNothing() {
    List<FieldSpec> found =
        JsonFieldDiscovery.discover(
            values(
                "{\"meta\":{\"a\":1},\"tags\":[1,2],\"note\":null}",
                "{\"_private\":1,\"with space\":1,\"9lives\":1,\"dash-ed\":1}",
                "{\"lost\":1",
                "{\"trailing\":1} x",
                "[{\"inarray\":1}]",
                "not json"),
            Set.of());

    assertThat(found).isEmpty();
  }

  @Test
  void theKindMostValuesHaveGivesTheType() {
    List<FieldSpec> found =
        JsonFieldDiscovery.discover(
            values(
                "{\"battery\":0.9,\"mode\":\"eco\"}",
                "{\"battery\":\"low\",\"mode\":\"eco\"}",
                "{\"battery\":1,\"mode\":1}"),
            Set.of());

    assertThat(found)
        .containsExactly(optional("battery", FieldType.DOUBLE), optional("mode", FieldType.STRING));
  }

  @Test
  void tiesGoToNumberThenBooleanThenString() {
    assertThat(
            JsonFieldDiscovery.resolve(
                List.of(
                    new Observation("a", Kind.STRING, 2),
                    new Observation("a", Kind.LONG, 2),
                    new Observation("b", Kind.STRING, 1),
                    new Observation("b", Kind.BOOLEAN, 1))))
        .containsExactly(optional("a", FieldType.LONG), optional("b", FieldType.BOOLEAN));
  }

  @Test
  void namesEqualButForCaseMakeOneFieldTheOneWithMoreValues() {
    assertThat(
            JsonFieldDiscovery.resolve(
                List.of(
                    new Observation("Mode", Kind.STRING, 1),
                    new Observation("mode", Kind.STRING, 3),
                    new Observation("Rssi", Kind.LONG, 2),
                    new Observation("rssi", Kind.LONG, 2))))
        .containsExactly(optional("Rssi", FieldType.LONG), optional("mode", FieldType.STRING));
  }
}
