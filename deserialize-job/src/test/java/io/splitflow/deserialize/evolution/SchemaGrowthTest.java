package io.splitflow.deserialize.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.deserialize.batch.BatchProcessors;
import io.splitflow.deserialize.replay.DeadLetterReplay;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schema-growth}: the limits on the columns {@code add-columns} may add, through
 * deserialize-job on real Delta. A record carrying a new field refused is an UNKNOWN_FIELD dead
 * letter naming the limit; nothing is lost.
 */
class SchemaGrowthTest {
  private static final String ADD_COLUMNS =
      """
          fields:
            - { name: id, type: string, required: true }
            - { name: seq, type: long, required: true }
          merge: { keys: id, sequence-by: seq }
          schema-evolution: add-columns
      """;

  @TempDir Path dir;

  @AfterEach
  void disarm() {
    FaultPoints.disarmAll();
  }

  @Test
  void oneMessageWithThousandsOfNewKeysAddsNoColumnAndIsADeadLetter() throws Exception {
    Lake lake = new Lake(dir, ADD_COLUMNS);
    StringBuilder hostile = new StringBuilder("{\"id\":\"h\",\"seq\":9");
    for (int i = 0; i < 5_000; i++) {
      hostile.append(",\"k").append(i).append("\":").append(i);
    }
    hostile.append('}');
    lake.produce(
        "{\"id\":\"a\",\"seq\":1,\"battery\":0.9}",
        hostile.toString(),
        "{\"id\":\"b\",\"seq\":2,\"battery\":0.8}");

    lake.deserialize();

    // battery (two records) takes the first of the 50 places; the 49 others the hostile record
    // alone carried would be empty columns, as the record itself is refused
    assertThat(Arrays.asList(lake.bronze().columns())).endsWith("battery").doesNotContain("k0");
    assertThat(lake.bronze().count()).isEqualTo(2);
    Row deadLetter = lake.deadLetters().first();
    assertThat(lake.deadLetters().count()).isEqualTo(1);
    assertThat(deadLetter.<Long>getAs("offset")).isEqualTo(1L);
    assertThat(deadLetter.<String>getAs("error_class")).isEqualTo("UNKNOWN_FIELD");
    assertThat(deadLetter.<String>getAs("error_message"))
        .startsWith("new field 'k")
        .contains("schema-growth.max-new-columns-per-batch (50)")
        .endsWith("(and 4999 more new field(s))");
  }

  @Test
  void eachPerFieldLimitRefusesWithItsOwnReason() throws Exception {
    Lake lake =
        new Lake(
            dir,
            ADD_COLUMNS
                + "    schema-growth: { max-name-length: 10, allow: \"[a-z_]+\", min-records: 2"
                + " }\n");
    lake.produce(
        "{\"id\":\"a\",\"seq\":1,\"battery\":0.9}",
        "{\"id\":\"b\",\"seq\":2,\"battery\":0.8,\"Colour\":\"red\"}",
        "{\"id\":\"c\",\"seq\":3,\"Colour\":\"blue\"}",
        "{\"id\":\"d\",\"seq\":4,\"firmware_version\":\"2.1\"}",
        "{\"id\":\"e\",\"seq\":5,\"firmware_version\":\"2.2\"}",
        "{\"id\":\"f\",\"seq\":6,\"note\":\"once\"}");

    lake.deserialize();

    assertThat(Arrays.asList(lake.bronze().columns()))
        .endsWith("battery")
        .doesNotContain("Colour", "firmware_version", "note");
    assertThat(lake.bronze().orderBy("id").collectAsList())
        .extracting(r -> r.getAs("id"))
        .containsExactly("a");
    assertThat(lake.deadLetters().orderBy("offset").collectAsList())
        .extracting(r -> r.getAs("offset"), r -> r.getAs("error_message"))
        .containsExactly(
            tuple(
                1L,
                "new field 'Colour' was not added as a column: its name does not match"
                    + " schema-growth.allow ([a-z_]+)"),
            tuple(
                2L,
                "new field 'Colour' was not added as a column: its name does not match"
                    + " schema-growth.allow ([a-z_]+)"),
            tuple(
                3L,
                "new field 'firmware_version' was not added as a column: its name has 16"
                    + " characters; schema-growth.max-name-length is 10"),
            tuple(
                4L,
                "new field 'firmware_version' was not added as a column: its name has 16"
                    + " characters; schema-growth.max-name-length is 10"),
            tuple(
                5L,
                "new field 'note' was not added as a column: 1 record(s) of the batch carry it;"
                    + " schema-growth.min-records is 2"));
  }

  @Test
  void bronzeStopsGrowingAtMaxColumnsAcrossBatches() throws Exception {
    Lake lake = new Lake(dir, ADD_COLUMNS + "    schema-growth: { max-columns: 2 }\n");
    lake.produce("{\"id\":\"a\",\"seq\":1,\"battery\":0.9,\"firmware\":\"2.1\"}");
    lake.deserialize();
    lake.produce("{\"id\":\"b\",\"seq\":2,\"battery\":0.8,\"rssi\":-70}");
    lake.deserialize();

    assertThat(Arrays.asList(lake.bronze().columns()))
        .endsWith("battery", "firmware")
        .doesNotContain("rssi");
    assertThat(lake.deadLetters().collectAsList())
        .extracting(r -> r.getAs("offset"), r -> r.getAs("error_message"))
        .containsExactly(
            tuple(
                1L,
                "new field 'rssi' was not added as a column: bronze would have more than"
                    + " schema-growth.max-columns (2) columns beyond the declared fields"));
  }

  @Test
  void aBatchReRunAfterItsBronzeCommitRefusesWhatItsFirstRunRefused() throws Exception {
    Lake lake =
        new Lake(dir, ADD_COLUMNS + "    schema-growth: { max-new-columns-per-batch: 1 }\n");
    lake.produce(
        "{\"id\":\"a\",\"seq\":1,\"battery\":0.9}",
        "{\"id\":\"b\",\"seq\":2,\"battery\":0.8}",
        "{\"id\":\"c\",\"seq\":3,\"firmware\":\"2.1\"}");
    FaultPoints.arm(FaultPoints.DESERIALIZE_AFTER_BRONZE);
    assertThatThrownBy(lake::deserialize).hasRootCauseInstanceOf(FaultPoints.InjectedFault.class);
    assertThat(Arrays.asList(lake.bronze().columns())).endsWith("battery");
    assertThat(lake.deadLetters().count()).isZero();

    // bronze has battery now, so the batch's one place would go to firmware if the re-run were
    // planned against today's bronze: the record would then be neither in bronze nor a dead letter
    lake.deserialize();

    assertThat(lake.bronze().count()).isEqualTo(2);
    assertThat(lake.deadLetters().collectAsList())
        .extracting(r -> r.getAs("offset"), r -> r.getAs("error_class"))
        .containsExactly(tuple(2L, "UNKNOWN_FIELD"));

    // the limit raised, the replay adds the column and lands the record with its value
    Lake raised = new Lake(dir, ADD_COLUMNS);
    DeadLetterReplay.Result result =
        DeadLetterReplay.run(
            SparkTestSession.get(),
            raised.context(),
            BatchProcessors.forReplay(SparkTestSession.get(), raised.dataset()),
            Optional.empty());

    assertThat(result.toBronze()).isEqualTo(1);
    assertThat(Arrays.asList(raised.bronze().columns())).endsWith("battery", "firmware");
    assertThat(raised.bronze().orderBy("id").collectAsList())
        .extracting(r -> r.getAs("id"), r -> r.getAs("battery"), r -> r.getAs("firmware"))
        .containsExactly(tuple("a", 0.9, null), tuple("b", 0.8, null), tuple("c", null, "2.1"));
    assertThat(raised.table(TableLayer.DEAD_LETTER).read(SparkTestSession.get()).first())
        .extracting(r -> r.getAs("replayed_at"))
        .isNotNull();
  }
}
