package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.CheckpointLock.CheckpointInUseException;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobName;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The jobs as separate processes, stopped the hard ways: SIGKILL in the middle of a batch, SIGTERM
 * while a batch runs, and a second instance started on a checkpoint that is in use.
 */
@Timeout(900)
class ProcessFaultIT {
  @TempDir Path lake;

  /**
   * SIGKILL at the crash point with the most to lose: deserialize's bronze append is committed, its
   * dead-letter append and its checkpoint are not. CrashPointIT stops each job at each of its
   * points in-process; what only a real kill adds (no finally block, no lock release, the dead
   * pid's lock left behind) is the same code for every job, so one job proves it.
   */
  @ParameterizedTest
  @EnumSource(
      value = CrashPointIT.Crash.class,
      names = "DESERIALIZE_BETWEEN_BRONZE_AND_DEAD_LETTER")
  void aJobKilledMidBatchLandsEachRecordOnceAfterARestart(CrashPointIT.Crash crash)
      throws Exception {
    Pipeline p = CrashPointIT.pipelineWithMixedRecords(lake);
    for (JobName upstream : JobName.values()) {
      if (upstream.ordinal() < crash.job.ordinal()) {
        p.run(upstream);
      }
    }
    try (JobProcess job = JobProcess.start(lake, crash.point + ":hang", p.cliArgs(crash.job))) {
      job.awaitFaultPoint(crash.point); // its write is committed, its checkpoint is not
      assertThat(job.kill()).as("killed by SIGKILL").isEqualTo(137);
    }
    long versionAtKill = CrashPointIT.version(p, crash.written);

    // the dead process's lock is left behind; a restart on this host sees its pid is gone
    p.run(crash.job);
    assertThat(CrashPointIT.version(p, crash.written)).isEqualTo(versionAtKill);
    for (JobName downstream : JobName.values()) {
      if (downstream.ordinal() > crash.job.ordinal()) {
        p.run(downstream);
      }
    }
    CrashPointIT.assertEachRecordOnce(p);
  }

  /**
   * One instance runs a batch (held mid-batch by a pause); a second one on the same checkpoint is
   * refused. SIGTERM then lets the batch in flight commit, and the first instance exits 0.
   */
  @Test
  void aSecondInstanceIsRefusedAndSigtermLetsTheBatchInFlightCommit() throws Exception {
    Pipeline p = CrashPointIT.pipelineWithMixedRecords(lake);
    Path checkpoint = Path.of(p.context(JobName.INGEST).checkpoint());
    try (JobProcess first =
        JobProcess.start(
            lake,
            FaultPoints.INGEST_AFTER_RAW + ":pause-8000",
            p.cliArgs(JobName.INGEST, "--trigger", "interval=1s"))) {
      first.awaitFaultPoint(FaultPoints.INGEST_AFTER_RAW); // written, not yet committed
      long rawVersion = CrashPointIT.version(p, TableLayer.RAW);

      assertThatThrownBy(() -> p.run(JobName.INGEST))
          .isInstanceOf(CheckpointInUseException.class)
          .hasMessageContaining("checkpoint " + checkpoint)
          .hasMessageContaining("is in use by another instance of ingest-job")
          .hasMessageContaining("pid " + first.pid());
      assertThat(CrashPointIT.version(p, TableLayer.RAW))
          .as("the refused instance wrote nothing")
          .isEqualTo(rawVersion);

      first.terminate();
      assertThat(first.waitFor()).as("exit code; output:\n%s", first.output()).isZero();
      assertThat(first.output()).contains("stop_requested").contains("\"event\":\"stopping\"");
    }
    assertThat(checkpoint.resolve("commits").resolve("0"))
        .as("the batch in flight committed")
        .exists();
    assertThat(checkpoint.resolve("_splitflow.lock")).as("released on a clean stop").doesNotExist();
    long rawVersion = CrashPointIT.version(p, TableLayer.RAW);

    p.run(JobName.INGEST);
    assertThat(CrashPointIT.version(p, TableLayer.RAW))
        .as("nothing left to re-run")
        .isEqualTo(rawVersion);
    p.run(JobName.DESERIALIZE);
    p.run(JobName.MERGE);
    CrashPointIT.assertEachRecordOnce(p);
  }

  /**
   * A driver frozen (SIGSTOP, as a long GC pause or a suspended VM freezes one) just before its
   * batch's write, past the lock's stale period: a second instance takes the checkpoint over and
   * ingests everything; thawed (SIGCONT), the first finds it lost its lock and stops with a
   * permanent failure naming why, before writing. Every record once.
   */
  @Test
  void aDriverFrozenPastTheStalePeriodLosesItsLockAndStopsWithoutWriting() throws Exception {
    Pipeline p =
        CrashPointIT.pipelineWithMixedRecords(
            lake,
            yaml ->
                yaml.replace(
                    "  spark.databricks.delta.snapshotPartitions: \"2\"\n",
                    "  spark.databricks.delta.snapshotPartitions: \"2\"\n"
                        + "  spark.splitflow.checkpoint-lock.heartbeat-seconds: \"1\"\n"));
    try (JobProcess first =
        JobProcess.start(
            lake, FaultPoints.INGEST_BEFORE_RAW + ":pause-5000", p.cliArgs(JobName.INGEST))) {
      first.awaitFaultPoint(FaultPoints.INGEST_BEFORE_RAW); // its batch read, not yet written
      first.freeze();

      // the second instance watches the frozen lock for 4 s, takes it over and ingests all
      p.spark.conf().set("spark.splitflow.checkpoint-lock.stale-after-seconds", "4");
      try {
        p.run(JobName.INGEST);
      } finally {
        p.spark.conf().unset("spark.splitflow.checkpoint-lock.stale-after-seconds");
      }
      long rawVersion = CrashPointIT.version(p, TableLayer.RAW);

      first.thaw();
      assertThat(first.waitFor()).as("exit code; output:\n%s", first.output()).isEqualTo(1);
      assertThat(first.output())
          .contains("checkpoint_lock_lost")
          .contains("this instance lost its lock");
      assertThat(CrashPointIT.version(p, TableLayer.RAW))
          .as("the thawed instance wrote nothing")
          .isEqualTo(rawVersion);
    }
    p.run(JobName.DESERIALIZE);
    p.run(JobName.MERGE);
    CrashPointIT.assertEachRecordOnce(p);
  }
}
