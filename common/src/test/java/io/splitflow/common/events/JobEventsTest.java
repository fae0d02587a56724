package io.splitflow.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.common.trigger.TriggerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job run's rows: start, batch (once per batch), stop and error, and never the job's failure. */
class JobEventsTest {
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  private JobContext context(String lakeRoot) {
    SplitflowConfig config =
        ConfigLoader.parse(
            """
            kafka: { bootstrap-servers: localhost:9092 }
            lake: { root: %s }
            datasets:
              d:
                topic: t
                fields:
                  - { name: id, type: string, required: true }
                  - { name: at, type: timestamp, required: true }
                merge: { keys: [id], sequence-by: at }
            """
                .formatted(lakeRoot),
            List.of(),
            Map.of());
    return new JobContext(
        config, config.dataset("d"), JobName.MERGE, new TriggerSpec.AvailableNow());
  }

  @Test
  void aRunWritesStartBatchOnceStopAndAMaskedError() {
    JobContext context = context(dir.toString());
    JobEvents events = new JobEvents(context);

    events.started(spark, "q1");
    JobEvents.BatchRow row = new JobEvents.BatchRow(3, Map.of("inserted", 3L), "{}");
    events.batch(spark, "q1", 0, () -> row);
    events.batch(spark, "q1", 0, () -> row); // the batch re-run after a crash
    events.stopped(spark, "available-now: drained");
    // as Spark hands it over: the job's own error wrapped in the query's
    events.failed(
        spark,
        new RuntimeException(
            "[STREAM_FAILED] Query terminated with exception",
            new IllegalStateException("login failed: password=hunter2\n\tat somewhere")),
        false);

    List<Row> rows =
        EventLog.of(context.config()).read(spark).orderBy("event_time").collectAsList();
    assertThat(rows)
        .extracting(r -> r.<String>getAs("event"))
        .containsExactly("start", "batch", "stop", "error");
    assertThat(rows).allSatisfy(r -> assertThat(r.<String>getAs("job")).isEqualTo("merge"));
    assertThat(rows).allSatisfy(r -> assertThat(r.<String>getAs("query_id")).isEqualTo("q1"));
    assertThat(rows.get(1).<Long>getAs("input_rows")).isEqualTo(3L);
    assertThat(rows.get(2).<String>getAs("message")).isEqualTo("available-now: drained");
    assertThat(rows.get(3).<String>getAs("message")).isEqualTo("login failed: password=[hidden]");
    assertThat(rows.get(3).<String>getAs("details"))
        .contains("\"then\":\"exit\"", "\"exception\":\"java.lang.IllegalStateException\"");
  }

  @Test
  void anEventLogThatCannotBeWrittenDoesNotFailTheJob() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    JobEvents events = new JobEvents(context(file.toString()));

    events.started(spark, "q1");
    events.batch(spark, "q1", 0, () -> new JobEvents.BatchRow(1, Map.of(), null));
    events.batch(
        spark,
        "q1",
        1,
        () -> {
          throw new IllegalStateException("counts unavailable");
        });
    events.failed(spark, new RuntimeException("boom"), true);

    assertThat(Files.readString(file)).isEqualTo("x");
  }
}
