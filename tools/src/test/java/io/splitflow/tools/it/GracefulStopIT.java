package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.splitflow.common.job.GracefulStop;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.job.JobRunner;
import io.splitflow.common.trigger.TriggerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stop asked for (SIGTERM's path) while a job works through a backlog on an interval trigger,
 * batches back to back: the job stops after the batch in flight, not when the backlog happens to
 * leave a gap between batches, and a restart lands every record once.
 */
@Timeout(600)
class GracefulStopIT {
  /** Small batches: a few records a Kafka batch, one file a Delta batch, for every job. */
  static final int RECORDS_PER_BATCH = 16;

  @TempDir Path lake;

  @AfterEach
  void resetStop() {
    GracefulStop.reset();
  }

  /**
   * The stop is the job runner's, the same for every job; ingest (a Kafka source) and merge (a
   * Delta source, the longest batches) are the two ends of it. Deserialize's source and sink are
   * merge's kind.
   */
  @ParameterizedTest
  @EnumSource(
      value = JobName.class,
      names = {"INGEST", "MERGE"})
  void aStopDuringABacklogEndsTheJobAfterTheBatchInFlight(JobName job) throws Exception {
    Pipeline p =
        CrashPointIT.pipelineWithMixedRecords(
            lake,
            yaml ->
                yaml.replace(
                        "max-offsets-per-trigger: 200000",
                        "max-offsets-per-trigger: " + RECORDS_PER_BATCH)
                    .replace(
                        "    topic: sensor_readings\n",
                        "    topic: sensor_readings\n    sizing: { max-files-per-trigger: 2 }\n"));
    for (JobName upstream : JobName.values()) {
      if (upstream.ordinal() < job.ordinal()) {
        p.run(upstream);
      }
    }
    JobContext interval =
        new JobContext(p.config, p.dataset, job, new TriggerSpec.Interval(Duration.ofSeconds(1)));
    Path commits = Path.of(interval.checkpoint(), "commits");
    CompletableFuture<Void> running =
        CompletableFuture.runAsync(
            () -> {
              try {
                JobRunner.run(p.spark, interval, Pipeline.streamingJob(job));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(2, TimeUnit.MINUTES).until(() -> committed(commits) >= 1);

    long committedAtRequest = committed(commits);
    GracefulStop.request();
    running.get(2, TimeUnit.MINUTES);

    assertThat(committed(commits))
        .as("batches committed after the request: at most the one in flight")
        .isLessThanOrEqualTo(committedAtRequest + 1);
    long committedAtStop = committed(commits);

    GracefulStop.reset();
    p.run(job); // available-now: the rest of the backlog, and any batch the stop interrupted
    assertThat(committed(commits))
        .as("the backlog was not drained when the job stopped: it stopped early")
        .isGreaterThan(committedAtStop);
    for (JobName downstream : JobName.values()) {
      if (downstream.ordinal() > job.ordinal()) {
        p.run(downstream);
      }
    }
    CrashPointIT.assertEachRecordOnce(p);
  }

  private static long committed(Path commits) throws IOException {
    if (!Files.isDirectory(commits)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(commits)) {
      return files.filter(f -> f.getFileName().toString().matches("\\d+")).count();
    }
  }
}
