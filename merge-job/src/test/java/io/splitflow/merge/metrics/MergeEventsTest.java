package io.splitflow.merge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.config.MergeMode;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeBatch;
import io.splitflow.merge.MergeHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeEventsTest {
  private final SparkSession spark = SparkTestSession.get();
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final AbstractAppender capture =
      new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
          logged.add(event.getMessage().getFormattedMessage());
        }
      };
  @TempDir Path dir;
  private MergeHarness h;

  @BeforeEach
  void setUp() {
    h = new MergeHarness(spark, dir, MergeHarness.spec(MergeMode.SCD1));
    capture.start();
    ((Logger) LogManager.getLogger("io.splitflow.merge")).addAppender(capture);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LogManager.getLogger("io.splitflow.merge")).removeAppender(capture);
    FaultPoints.disarmAll();
  }

  private List<Row> events() {
    return h.events.read(spark).orderBy("batch_id").collectAsList();
  }

  @Test
  void eachBatchLogsOneJsonLineAndAppendsOneRowWithItsCountsAndGoldVersion() throws Exception {
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1).add("b", 2.0, 10, 2));
    MergeEvent second = h.merge(new BronzeFixtures().add("a", 3.0, 30, 3).add("b", 1.0, 5, 4));

    List<Row> rows = events();
    assertThat(rows)
        .extracting(
            r -> r.getAs("batch_id"),
            r -> r.getAs("mode"),
            r -> r.getAs("input_rows"),
            r -> r.getAs("inserted"),
            r -> r.getAs("updated"),
            r -> r.getAs("ignored_late"),
            r -> r.getAs("committed"))
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(0L, "scd1", 2L, 2L, 0L, 0L, true),
            org.assertj.core.api.Assertions.tuple(1L, "scd1", 2L, 0L, 1L, 1L, true));
    Row last = rows.get(1);
    assertThat(last.<Long>getAs("gold_version")).isEqualTo(h.goldVersion());
    assertThat(last.<String>getAs("dataset")).isEqualTo("readings");
    assertThat(last.<String>getAs("app_id")).isEqualTo(MergeHarness.APP_ID);
    assertThat(last.getJavaMap(last.fieldIndex("operation_metrics")))
        .containsEntry("numTargetRowsUpdated", "1")
        .containsKey("numTargetFilesAfterSkipping");

    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : logged) {
      JsonNode json = new ObjectMapper().readTree(line);
      if (json.path("event").asText().equals("merge")) {
        lines.add(json);
      }
    }
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1).toString()).isEqualTo(second.toJson());
    assertThat(lines.get(1).path("ignored_late").asLong()).isEqualTo(1);
    assertThat(lines.get(1).path("delta").path("numTargetRowsUpdated").asText()).isEqualTo("1");
  }

  @Test
  void batchReRunAfterACrashBeforeItsEventReportsTheCountsOfTheRunThatCommitted() {
    BronzeFixtures batch = new BronzeFixtures().add("a", 1.0, 10, 1).add("b", 2.0, 10, 2);
    FaultPoints.arm(MergeBatch.AFTER_GOLD_COMMIT);
    assertThatThrownBy(() -> h.merge(batch.toDataset(spark), 0))
        .isInstanceOf(FaultPoints.InjectedFault.class);
    long committed = h.goldVersion();
    assertThat(events()).isEmpty();

    MergeEvent rerun = h.merge(batch.toDataset(spark), 0);
    MergeEvent again = h.merge(batch.toDataset(spark), 0);

    assertThat(h.goldVersion()).isEqualTo(committed);
    assertThat(rerun.goldVersion()).isEqualTo(committed);
    assertThat(rerun.committed()).isTrue();
    assertThat(rerun.counts()).isEqualTo(new BatchCounts(2, 2, 0, 0, 0, 0, 0, 0));
    assertThat(again.counts()).isEqualTo(rerun.counts());
    assertThat(events()).hasSize(1);
    assertThat(events().get(0).<Long>getAs("inserted")).isEqualTo(2L);
  }
}
