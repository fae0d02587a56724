package io.splitflow.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.job.JobName;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event log table: created on first use, one row per (app id, version), details parsed back.
 */
class EventLogTest {
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  @Test
  void aBatchAppendedTwiceUnderOneAppIdAndVersionIsOneRow() {
    EventLog log = new EventLog(TableRef.atPath(dir.resolve("events").toString()));
    assertThat(log.read(spark).count()).isZero();
    List<SourceRange> sources =
        List.of(new SourceRange("t", 0, 10, 19, 10, 2), new SourceRange("t", 1, 5, 7, 3, 0));
    Event event =
        Event.batch(
            "d",
            "deserialize",
            "q1",
            4,
            13,
            Map.of("bronze_rows", 9L, "dropped", 2L, "dropped:no_test", 2L),
            SourceRange.toDetails(sources),
            "1.2.3");

    log.appendOnce(spark, event, "app-q1", 4);
    log.appendOnce(spark, event, "app-q1", 4);

    List<Row> rows = log.read(spark).collectAsList();
    assertThat(rows).hasSize(1);
    Row row = rows.get(0);
    assertThat(row.schema()).isEqualTo(EventLog.schema());
    assertThat(row.<String>getAs("dataset")).isEqualTo("d");
    assertThat(row.<String>getAs("event")).isEqualTo(Event.BATCH);
    assertThat(row.<Long>getAs("batch_id")).isEqualTo(4L);
    assertThat(row.<Long>getAs("input_rows")).isEqualTo(13L);
    assertThat(row.getJavaMap(row.fieldIndex("counts")))
        .containsEntry("dropped:no_test", 2L)
        .containsEntry("bronze_rows", 9L);
    assertThat(SourceRange.fromDetails(row.getAs("details"))).isEqualTo(sources);
    assertThat(row.<String>getAs("job_version")).isEqualTo("1.2.3");
  }

  @Test
  void theNextVersionIsAnotherRow() {
    EventLog log = new EventLog(TableRef.atPath(dir.resolve("events").toString()));
    Event event = Event.batch("d", "deserialize", "q1", 0, 1, Map.of(), null, "1");

    log.appendOnce(spark, event, "app-q1", 0);
    log.appendOnce(spark, event, "app-q1", 1);
    log.appendOnce(spark, event, "app-q2", 0);

    assertThat(log.read(spark).count()).isEqualTo(3);
  }

  @Test
  void detailsWithoutSourcesHaveNoRanges() {
    assertThat(SourceRange.fromDetails(null)).isEmpty();
    assertThat(SourceRange.fromDetails("{}")).isEmpty();
  }

  @Test
  void eachJobWritesItsOwnTableAndTheLakesLogReadsThemAll() {
    SplitflowConfig config =
        ConfigLoader.parse(
            """
            kafka: { bootstrap-servers: "localhost:9092" }
            lake: { root: "%s" }
            datasets:
              d:
                topic: t
                fields: [{ name: id, type: string, required: true }]
                merge: { keys: id, sequence-by: id }
            """
                .formatted(dir.resolve("lake")),
            List.of(),
            Map.of());
    for (JobName job : List.of(JobName.INGEST, JobName.MERGE)) {
      EventLog.of(config, job)
          .append(spark, Event.lifecycle("d", job.id(), Event.START, "q", "started", null, "1"));
    }

    assertThat(EventLog.table(config, JobName.INGEST).path())
        .isEqualTo(dir.resolve("lake").resolve("_splitflow_events").resolve("ingest").toString());
    assertThat(EventLog.of(config, JobName.INGEST).read(spark).count()).isOne();
    assertThat(EventLog.of(config).read(spark).select("job").as(Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("ingest", "merge");
    assertThatThrownBy(() -> EventLog.of(config).table()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theQueriesOfSeveralDatasetsCreatingTheLogAtOnceLoseNoRow() throws Exception {
    TableRef table = TableRef.atPath(dir.resolve("shared").toString());
    int datasets = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(datasets);
    try {
      List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
      for (int i = 0; i < datasets; i++) {
        String dataset = "d" + i;
        writes.add(
            pool.submit(
                () ->
                    new EventLog(table)
                        .appendOnce(
                            spark,
                            Event.batch(
                                dataset, "ingest", "q-" + dataset, 0, 1, Map.of(), null, "v"),
                            "app-" + dataset,
                            0)));
      }
      for (java.util.concurrent.Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(new EventLog(table).read(spark).count()).isEqualTo(datasets);
  }
}
