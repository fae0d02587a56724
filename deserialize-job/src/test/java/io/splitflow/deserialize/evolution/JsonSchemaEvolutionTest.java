package io.splitflow.deserialize.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.deserialize.batch.BatchProcessors;
import io.splitflow.deserialize.replay.DeadLetterReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deserialize-job on JSON with and without {@code schema-evolution: add-columns}, on real Delta.
 */
class JsonSchemaEvolutionTest {
  private static final String FIELDS =
      """
          fields:
            - { name: id, type: string, required: true }
            - { name: seq, type: long, required: true }
            - { name: value, type: double }
          merge: { keys: id, sequence-by: seq }
      """;
  private static final String ADD_COLUMNS = FIELDS + "    schema-evolution: add-columns\n";

  @TempDir Path dir;

  @AfterEach
  void disarm() {
    FaultPoints.disarmAll();
  }

  @Test
  void newFieldsBecomeBronzeColumnsBatchAfterBatchAndRowsWithoutThemGetNull() throws Exception {
    Lake lake = new Lake(dir, ADD_COLUMNS);
    lake.produce(
        "{\"id\":\"a\",\"seq\":1,\"value\":1.5}",
        "{\"id\":\"b\",\"seq\":2,\"battery\":0.9,\"tags\":[\"x\"],\"meta\":{\"k\":1}}",
        "{\"id\":\"c\",\"seq\":3,\"battery\":1,\"note\":null}");
    lake.deserialize();

    assertThat(lake.bronze().schema().simpleString())
        .isEqualTo(
            "struct<id:string,seq:bigint,value:double,_deleted:boolean,_source:struct<topic:string,"
                + "partition:int,offset:bigint,timestamp:timestamp>,_ingested_at:timestamp,"
                + "_deserialized_at:timestamp,battery:double>");
    assertThat(lake.bronze().orderBy("id").collectAsList())
        .extracting(r -> r.getAs("id"), r -> r.getAs("battery"))
        .containsExactly(tuple("a", null), tuple("b", 0.9), tuple("c", 1.0));

    lake.produce(
        "{\"id\":\"d\",\"seq\":4,\"battery\":0.5,\"firmware\":\"1.2\"}",
        "{\"id\":\"e\",\"seq\":5}");
    lake.deserialize();

    assertThat(lake.bronze().columns()).endsWith("battery", "firmware");
    assertThat(lake.bronze().orderBy("id").collectAsList())
        .extracting(r -> r.getAs("id"), r -> r.getAs("battery"), r -> r.getAs("firmware"))
        .containsExactly(
            tuple("a", null, null),
            tuple("b", 0.9, null),
            tuple("c", 1.0, null),
            tuple("d", 0.5, "1.2"),
            tuple("e", null, null));
    assertThat(lake.deadLetters().count()).isZero();
  }

  @Test
  void aLaterValueThatDoesNotFitAnEvolvedColumnIsAWrongTypeDeadLetterNamingTheField()
      throws Exception {
    Lake lake = new Lake(dir, ADD_COLUMNS);
    lake.produce("{\"id\":\"a\",\"seq\":1,\"battery\":0.9}");
    lake.deserialize();
    lake.produce(
        "{\"id\":\"b\",\"seq\":2,\"battery\":\"low\"}", "{\"id\":\"c\",\"seq\":3,\"battery\":0.7}");
    lake.deserialize();

    assertThat(lake.bronze().orderBy("id").collectAsList())
        .extracting(r -> r.getAs("id"), r -> r.getAs("battery"))
        .containsExactly(tuple("a", 0.9), tuple("c", 0.7));
    Row dead = lake.deadLetters().first();
    assertThat(dead.<String>getAs("error_class")).isEqualTo("WRONG_TYPE");
    assertThat(dead.<String>getAs("error_message"))
        .isEqualTo("field 'battery': expected double, found string \"low\"");
    assertThat(dead.<Long>getAs("offset")).isEqualTo(1L);
  }

  @Test
  void withoutAddColumnsNewFieldsAreIgnoredAndBronzeKeepsItsSchema() throws Exception {
    Lake lake = new Lake(dir, FIELDS);
    lake.produce("{\"id\":\"a\",\"seq\":1,\"battery\":0.9}", "{\"id\":\"b\",\"seq\":2}");
    lake.deserialize();

    assertThat(lake.bronze().columns())
        .containsExactly(
            "id", "seq", "value", "_deleted", "_source", "_ingested_at", "_deserialized_at");
    assertThat(lake.bronze().count()).isEqualTo(2);
    assertThat(lake.deadLetters().count()).isZero();
  }

  @Test
  void withUnknownFieldsDeadLetterOnlyTheFieldsThatCannotBeColumnsFail() throws Exception {
    Lake lake = new Lake(dir, ADD_COLUMNS + "    unknown-fields: dead-letter\n");
    lake.produce(
        "{\"id\":\"a\",\"seq\":1,\"battery\":0.9}", "{\"id\":\"b\",\"seq\":2,\"tags\":[1]}");
    lake.deserialize();

    assertThat(lake.bronze().collectAsList())
        .extracting(r -> r.getAs("id"), r -> r.getAs("battery"))
        .containsExactly(tuple("a", 0.9));
    assertThat(lake.deadLetters().first().<String>getAs("error_message"))
        .isEqualTo("unknown field 'tags' (not in the schema)");
  }

  @Test
  void aRetriedBatchFindsItsColumnsInBronzeAndChangesNothing() throws Exception {
    Lake lake = new Lake(dir, ADD_COLUMNS);
    lake.produce(
        "{\"id\":\"a\",\"seq\":1,\"battery\":0.9}",
        "{\"id\":\"b\",\"seq\":2,\"battery\":0.8}",
        "{\"id\":\"c\",\"seq\":3,\"battery\":\"low\"}");
    FaultPoints.arm(FaultPoints.DESERIALIZE_AFTER_BRONZE);
    assertThatThrownBy(lake::deserialize).hasRootCauseInstanceOf(FaultPoints.InjectedFault.class);
    // bronze committed the batch with its new column; the dead letters did not
    assertThat(lake.bronze().columns()).endsWith("battery");
    assertThat(lake.bronze().count()).isEqualTo(2);
    assertThat(lake.deadLetters().count()).isZero();
    long bronzeVersion = lake.version(TableLayer.BRONZE);

    lake.deserialize();

    assertThat(lake.version(TableLayer.BRONZE)).isEqualTo(bronzeVersion);
    assertThat(lake.bronze().count()).isEqualTo(2);
    assertThat(lake.deadLetters().collectAsList())
        .extracting(r -> r.getAs("offset"), r -> r.getAs("error_message"))
        .containsExactly(tuple(2L, "field 'battery': expected double, found string \"low\""));

    // and the Iceberg check: forget the last batch's commit, run again, no table moves
    long deadLetterVersion = lake.version(TableLayer.DEAD_LETTER);
    Files.delete(lake.checkpoint().resolve("commits").resolve("0"));
    Files.deleteIfExists(lake.checkpoint().resolve("commits").resolve(".0.crc"));
    lake.deserialize();
    assertThat(lake.version(TableLayer.BRONZE)).isEqualTo(bronzeVersion);
    assertThat(lake.version(TableLayer.DEAD_LETTER)).isEqualTo(deadLetterVersion);
    assertThat(lake.bronze().columns()).endsWith("battery");
  }

  @Test
  void theReplaysPlannerNeverAddsAColumn() {
    Lake lake = new Lake(dir, ADD_COLUMNS);
    lake.produce("{\"id\":\"a\",\"seq\":1,\"battery\":0.9}");
    Dataset<Row> raw = lake.table(TableLayer.RAW).read(SparkTestSession.get());

    FieldPlan replay = DecodePlanners.forDataset(lake.dataset(), false).plan(raw).fields();
    FieldPlan stream = DecodePlanners.forDataset(lake.dataset(), true).plan(raw).fields();

    assertThat(replay.fields()).isEqualTo(lake.dataset().fields());
    assertThat(replay.added()).isEmpty();
    assertThat(stream.added()).containsExactly(new FieldSpec("battery", FieldType.DOUBLE, false));
  }

  @Test
  void replayDecodesTheColumnsBronzeGainedAndAppendsWithoutNewOnes() throws Exception {
    String rule =
        """
            rules:
              - { name: positive, expr: "value IS NULL OR value > 0" }
        """;
    Lake lake = new Lake(dir, ADD_COLUMNS + rule);
    lake.produce(
        "{\"id\":\"a\",\"seq\":1,\"battery\":0.9}",
        "{\"id\":\"b\",\"seq\":2,\"value\":-1.0,\"battery\":0.4,\"firmware\":\"2.0\"}");
    lake.deserialize();
    // firmware came only with the record the rule dead-lettered: it is a column all the same
    assertThat(lake.bronze().columns()).endsWith("battery", "firmware");
    assertThat(lake.deadLetters().first().<String>getAs("error_class")).isEqualTo("RULE_FAILED");

    // the rule is dropped from the config; the replay runs with the new config
    Lake fixed = new Lake(dir, ADD_COLUMNS);
    DeadLetterReplay.Result result =
        DeadLetterReplay.run(
            SparkTestSession.get(),
            fixed.context(),
            BatchProcessors.forDataset(SparkTestSession.get(), fixed.dataset()),
            Optional.empty());

    assertThat(result.toBronze()).isEqualTo(1);
    assertThat(fixed.bronze().orderBy("id").collectAsList())
        .extracting(r -> r.getAs("id"), r -> r.getAs("battery"), r -> r.getAs("firmware"))
        .containsExactly(tuple("a", 0.9, null), tuple("b", 0.4, "2.0"));
  }
}
