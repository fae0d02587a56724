package io.splitflow.common.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance per checkpoint. Spark stops a second query on a checkpoint only inside one
 * session; two drivers (a scheduler's retry while the first run still runs, a developer's laptop
 * beside the cluster) would both run batches. The lock is a file {@value #FILE} in the checkpoint
 * directory, created exclusively, holding who owns it; its owner rewrites it every {@code
 * heartbeat}. A start finds it and fails, unless the owner is gone: a process of this host that no
 * longer runs, or a heartbeat older than {@code staleAfter} (a driver that died elsewhere).
 */
public final class CheckpointLock implements AutoCloseable {
  static final String FILE = "_splitflow.lock";
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.job");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path file;
  private final String ownerId;
  private final String content;
  private final ScheduledExecutorService heartbeat;

  private CheckpointLock(FileSystem fs, Path file, String ownerId, String content, Duration every) {
    this.fs = fs;
    this.file = file;
    this.ownerId = ownerId;
    this.content = content;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "splitflow-checkpoint-lock");
              thread.setDaemon(true);
              return thread;
            });
    heartbeat.scheduleWithFixedDelay(
        this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock of {@code checkpoint} for {@code context}'s job, or throws {@link
   * CheckpointInUseException} naming who holds it.
   */
  public static CheckpointLock acquire(
      String checkpoint,
      String description,
      Configuration hadoop,
      Duration heartbeat,
      Duration staleAfter) {
    Path file = new Path(checkpoint, FILE);
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      fs.mkdirs(file.getParent());
      String ownerId = UUID.randomUUID().toString();
      String content =
          JSON.createObjectNode()
              .put("owner", ownerId)
              .put("job", description)
              .put("host", hostName())
              .put("pid", ProcessHandle.current().pid())
              .put("started_at", Instant.now().toString())
              .toString();
      for (int attempt = 0; attempt < 2; attempt++) {
        if (createExclusively(fs, file, content)) {
          return new CheckpointLock(fs, file, ownerId, content, heartbeat);
        }
        Holder holder = Holder.read(fs, file);
        String staleness = holder.staleness(staleAfter);
        if (staleness == null) {
          throw new CheckpointInUseException(checkpoint, description, holder, file, staleAfter);
        }
        LOG.warn(
            "{\"event\":\"checkpoint_lock_taken_over\",\"checkpoint\":\"{}\",\"previous\":{},"
                + "\"reason\":\"{}\"}",
            checkpoint,
            holder.json,
            staleness);
        fs.delete(file, false);
      }
      throw new CheckpointInUseException(
          checkpoint, description, Holder.read(fs, file), file, staleAfter);
    } catch (IOException e) {
      throw new UncheckedIOException("could not take the checkpoint lock " + file, e);
    }
  }

  private static boolean createExclusively(FileSystem fs, Path file, String content)
      throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(file)) {
        return false; // some file systems say so with a plain IOException
      }
      throw e;
    }
  }

  private void beat() {
    try (OutputStream out = fs.create(file, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not refresh the checkpoint lock {}: {}", file, e.toString());
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      Holder holder = Holder.read(fs, file);
      if (holder.json != null && holder.json.path("owner").asText().equals(ownerId)) {
        fs.delete(file, false);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not release the checkpoint lock {}: {}", file, e.toString());
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  /** What the lock file says about its owner, and how fresh it is. */
  record Holder(JsonNode json, Instant lastBeat) {
    static Holder read(FileSystem fs, Path file) throws IOException {
      try {
        Instant modified = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
        JsonNode json = null;
        try (InputStream in = fs.open(file)) {
          json = JSON.readTree(in.readAllBytes());
        } catch (IOException | RuntimeException unreadable) {
          // being rewritten by its owner's heartbeat: judged by its age alone
        }
        return new Holder(json, modified);
      } catch (java.io.FileNotFoundException gone) {
        return new Holder(null, Instant.EPOCH);
      }
    }

    /** Why the owner is gone, or null when it may still run. */
    String staleness(Duration staleAfter) {
      if (lastBeat.equals(Instant.EPOCH)) {
        return "released";
      }
      if (json != null && json.path("host").asText().equals(hostName())) {
        long pid = json.path("pid").asLong(-1);
        if (pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
          return "process " + pid + " of this host is gone";
        }
      }
      Duration age = Duration.between(lastBeat, Instant.now());
      if (age.compareTo(staleAfter) > 0) {
        return "no heartbeat for " + age.toSeconds() + " s";
      }
      return null;
    }

    String describe() {
      Duration age = Duration.between(lastBeat, Instant.now());
      if (json == null) {
        return "an instance whose lock file is being rewritten (heartbeat "
            + age.toSeconds()
            + " s ago)";
      }
      return json.path("job").asText()
          + " on host "
          + json.path("host").asText()
          + ", pid "
          + json.path("pid").asText()
          + ", running since "
          + json.path("started_at").asText()
          + ", last heartbeat "
          + age.toSeconds()
          + " s ago";
    }
  }

  /** Another instance runs on this checkpoint. */
  public static final class CheckpointInUseException extends IllegalStateException
      implements PermanentFailure {
    CheckpointInUseException(
        String checkpoint, String description, Holder holder, Path file, Duration staleAfter) {
      super(
          "checkpoint "
              + checkpoint
              + " is in use by another instance of "
              + description
              + " ("
              + holder.describe()
              + "); two instances on one checkpoint would run the same batches. Stop the other"
              + " one; if it died, its lock "
              + file
              + " goes stale "
              + staleAfter.toSeconds()
              + " s after its last heartbeat, or delete that file.");
    }
  }
}
