package io.splitflow.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLockTest {
  private static final Duration BEAT = Duration.ofSeconds(10);
  private static final Duration STALE = Duration.ofSeconds(60);
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
  void aLockOfAnotherHostIsTakenOverOnlyWhenItsHeartbeatIsStale() throws IOException {
    Path file = Files.createDirectories(dir.resolve("cp")).resolve(CheckpointLock.FILE);
    Files.writeString(
        file,
        "{\"owner\":\"x\",\"job\":\"ingest-job\",\"host\":\"elsewhere\",\"pid\":1,"
            + "\"started_at\":\"2026-01-01T00:00:00Z\"}");
    assertThatThrownBy(this::acquire).hasMessageContaining("host elsewhere");

    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
    try (CheckpointLock taken = acquire()) {
      assertThat(Files.readString(file)).doesNotContain("elsewhere");
    }
  }
}
