package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobName;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that dies between its writes, or after writing and before its checkpoint commit, is
 * restarted on the same checkpoint: every record must land exactly once.
 */
@Timeout(600)
class RestartIT {
  @TempDir Path lake;

  @AfterEach
  void disarm() {
    FaultPoints.disarmAll();
  }

  private Pipeline pipelineWithMixedRecords() {
    Pipeline p = new Pipeline(lake);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String sensor = "s" + (i % 10);
      records.add(
          p.record(key(sensor), json(sensor, (double) i, "C", String.format("10:00:%02d.000", i))));
      if (i % 8 == 0) {
        records.add(p.record(key(sensor), "{broken " + i));
      }
    }
    p.produce(records); // 40 valid, 5 broken, 10 keys
    return p;
  }

  @Test
  void deserializeCrashBetweenBronzeAndDeadLetterWritesLandsEachRecordOnce() throws Exception {
    Pipeline p = pipelineWithMixedRecords();
    p.run(JobName.INGEST);
    FaultPoints.arm(FaultPoints.DESERIALIZE_AFTER_BRONZE);

    assertThatThrownBy(() -> p.run(JobName.DESERIALIZE))
        .hasStackTraceContaining("injected fault at " + FaultPoints.DESERIALIZE_AFTER_BRONZE);
    assertThat(p.count(TableLayer.BRONZE)).as("bronze was written before the crash").isEqualTo(40);
    assertThat(p.count(TableLayer.DEAD_LETTER)).as("dead letters were not").isZero();

    p.run(JobName.DESERIALIZE);

    assertThat(p.count(TableLayer.BRONZE)).isEqualTo(40);
    assertThat(p.count(TableLayer.DEAD_LETTER)).isEqualTo(5);
    assertThat(
            p.table(TableLayer.BRONZE)
                .select("_source.partition", "_source.offset")
                .distinct()
                .count())
        .isEqualTo(40);
  }

  @Test
  void mergeCrashAfterMergeBeforeCheckpointDoesNotMergeTwice() throws Exception {
    Pipeline p = pipelineWithMixedRecords();
    p.run(JobName.INGEST);
    p.run(JobName.DESERIALIZE);
    FaultPoints.arm(FaultPoints.MERGE_AFTER_MERGE);

    assertThatThrownBy(() -> p.run(JobName.MERGE))
        .hasStackTraceContaining("injected fault at " + FaultPoints.MERGE_AFTER_MERGE);
    long versionAfterCrash = goldVersion(p);
    assertThat(p.count(TableLayer.GOLD)).isEqualTo(10);

    p.run(JobName.MERGE);

    assertThat(goldVersion(p))
        .as("the re-run batch was skipped, not merged again")
        .isEqualTo(versionAfterCrash);
    assertThat(p.count(TableLayer.GOLD)).isEqualTo(10);
    assertThat(p.table(TableLayer.GOLD).where("sensor_id = 's9'").first().<Double>getAs("value"))
        .isEqualTo(39.0);
  }

  @Test
  void removingTheLastCheckpointCommitAndRestartingChangesNoTable() throws Exception {
    Pipeline p = pipelineWithMixedRecords();
    p.runAll();
    long bronzeVersion =
        p.dataset.table(TableLayer.BRONZE).deltaTable(p.spark).history(1).head().getLong(0);
    long deadVersion =
        p.dataset.table(TableLayer.DEAD_LETTER).deltaTable(p.spark).history(1).head().getLong(0);
    long goldVersion = goldVersion(p);

    dropLastCommit(p, JobName.DESERIALIZE);
    dropLastCommit(p, JobName.MERGE);
    p.run(JobName.DESERIALIZE);
    p.run(JobName.MERGE);

    assertThat(p.dataset.table(TableLayer.BRONZE).deltaTable(p.spark).history(1).head().getLong(0))
        .isEqualTo(bronzeVersion);
    assertThat(
            p.dataset
                .table(TableLayer.DEAD_LETTER)
                .deltaTable(p.spark)
                .history(1)
                .head()
                .getLong(0))
        .isEqualTo(deadVersion);
    assertThat(goldVersion(p)).isEqualTo(goldVersion);
    assertThat(p.count(TableLayer.BRONZE)).isEqualTo(40);
    assertThat(p.count(TableLayer.DEAD_LETTER)).isEqualTo(5);
    assertThat(p.count(TableLayer.GOLD)).isEqualTo(10);
  }

  private static long goldVersion(Pipeline p) {
    return p.dataset.table(TableLayer.GOLD).deltaTable(p.spark).history(1).head().getLong(0);
  }

  /** Makes Spark believe the last batch never committed, as if the job died right before. */
  private static void dropLastCommit(Pipeline p, JobName job) throws Exception {
    File commits = Path.of(p.context(job).checkpoint(), "commits").toFile();
    File last =
        Arrays.stream(commits.listFiles((dir, name) -> name.matches("\\d+")))
            .max(Comparator.comparingLong(f -> Long.parseLong(f.getName())))
            .orElseThrow();
    Files.delete(last.toPath());
    Files.deleteIfExists(new File(commits, "." + last.getName() + ".crc").toPath());
  }
}
