package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobName;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint that lost its last commit (the job died right after its writes) is restarted: the
 * re-run batches change no table. Crashes at each job's dangerous point are in {@link
 * CrashPointIT}.
 */
@Timeout(600)
class RestartIT {
  @TempDir Path lake;

  @AfterEach
  void disarm() {
    FaultPoints.disarmAll();
  }

  @Test
  void removingTheLastCheckpointCommitAndRestartingChangesNoTable() throws Exception {
    Pipeline p = CrashPointIT.pipelineWithMixedRecords(lake);
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
    return CrashPointIT.version(p, TableLayer.GOLD);
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
