package io.splitflow.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLockTest {
  private static final Duration BEAT = Duration.ofMillis(200);
  private static final Duration STALE = Duration.ofSeconds(2);
  @TempDir Path dir;

  private CheckpointLock acquire() {
    return CheckpointLock.acquire(
        dir.resolve("cp").toString(), "ingest-job for dataset d", new Configuration(), BEAT, STALE);
  }

  @Test
  void aSecondInstanceIsRefusedWithWhoHoldsTheCheckpoint() {
    try (CheckpointLock first = acquire()) {
      assertThat(dir.resolve("cp").resolve(CheckpointLock.FILE)).exists();
      assertThatThrownBy(this::acquire)
          .isInstanceOf(CheckpointLock.CheckpointInUseException.class)
          .hasMessageContaining("checkpoint " + dir.resolve("cp"))
          .hasMessageContaining("ingest-job for dataset d")
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining("Stop the other one");
    }
  }

  @Test
  void closingReleasesTheCheckpoint() {
    acquire().close();
    assertThat(dir.resolve("cp").resolve(CheckpointLock.FILE)).doesNotExist();
    acquire().close();
  }

  @Test
  void aLockOfAProcessThatIsGoneIsTakenOver() throws IOException {
    Path file = Files.createDirectories(dir.resolve("cp")).resolve(CheckpointLock.FILE);
    Files.writeString(
        file,
        "{\"owner\":\"x\",\"job\":\"ingest-job\",\"host\":\""
            + java.net.InetAddress.getLocalHost().getHostName()
            + "\",\"pid\":"
            + Long.MAX_VALUE
            + ",\"started_at\":\"2026-01-01T00:00:00Z\"}");
    try (CheckpointLock taken = acquire()) {
      assertThat(Files.readString(file)).contains("\"pid\":" + ProcessHandle.current().pid());
    }
  }

  @Test
  void aLockOfAnotherHostIsTakenOverOnlyOnceItStopsChangingWhateverItsTimestampSays()
      throws Exception {
    Path file = Files.createDirectories(dir.resolve("cp")).resolve(CheckpointLock.FILE);
    // a live owner elsewhere: its heartbeat changes the lock, so a start is refused
    AtomicBoolean beating = new AtomicBoolean(true);
    Thread owner =
        new Thread(
            () -> {
              for (int beat = 0; beating.get(); beat++) {
                writeForeignLock(file, beat);
                sleep(100);
              }
            });
    owner.start();
    try {
      assertThatThrownBy(this::acquire).hasMessageContaining("host elsewhere");
    } finally {
      beating.set(false);
      owner.join();
    }

    // stopped beating, with a timestamp far in the future (another clock): taken over after
    // STALE of watching, not judged by the timestamp
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plus(Duration.ofDays(1))));
    long start = System.nanoTime();
    try (CheckpointLock taken = acquire()) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(STALE);
      assertThat(Files.readString(file)).doesNotContain("elsewhere");
    }
  }

  @Test
  void anOwnerWhoseLockWasTakenOverStopsRewritingItAndFailsItsNextCheck() throws Exception {
    Path file = dir.resolve("cp").resolve(CheckpointLock.FILE);
    Duration beat = Duration.ofSeconds(2);
    try (CheckpointLock paused =
        CheckpointLock.acquire(
            dir.resolve("cp").toString(),
            "ingest-job for dataset d",
            new Configuration(),
            beat,
            STALE)) {
      CheckpointLock.requireHeld(dir.resolve("cp").toString()); // held: no error
      // what a takeover leaves while the owner was paused, written before its first heartbeat
      writeForeignLock(file, 1);
      Thread.sleep(beat.toMillis() + 700); // one heartbeat: it reads the lock, and leaves it
      assertThat(Files.readString(file))
          .as("the paused owner's heartbeat did not write over the new owner")
          .contains("host\":\"elsewhere");
      assertThatThrownBy(() -> CheckpointLock.requireHeld(dir.resolve("cp").toString()))
          .isInstanceOf(CheckpointLock.LockLostException.class)
          .isInstanceOf(PermanentFailure.class)
          .hasMessageContaining("lost its lock")
          .hasMessageContaining("ingest-job on host elsewhere, pid 1");
    }
    assertThat(Files.readString(file))
        .as("close leaves the new owner's lock")
        .contains("elsewhere");
  }

  @Test
  void requireHeldIsANoOpForACheckpointThisJvmHoldsNoLockOf() {
    CheckpointLock.requireHeld(dir.resolve("not-locked").toString());
  }

  private static void writeForeignLock(Path file, int beat) {
    try {
      // as another process writing through Hadoop would: no stale checksum file left beside it
      Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
      Files.writeString(
          file,
          "{\"owner\":\"x\",\"job\":\"ingest-job\",\"host\":\"elsewhere\",\"pid\":1,"
              + "\"started_at\":\"2026-01-01T00:00:00Z\",\"beat\":"
              + beat
              + "}");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
