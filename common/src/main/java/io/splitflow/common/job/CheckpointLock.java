package io.splitflow.common.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * directory, created exclusively, holding who owns it and a heartbeat count its owner raises every
 * {@code heartbeat}.
 *
 * <p>A start that finds the lock takes it over only when its owner is gone: a process of this host
 * that no longer runs, or a lock that has not changed for {@code staleAfter} as this starter
 * watches it (its own clock, never the store's timestamps against it); it deletes the lock only if
 * it is still the one it watched. A live owner's heartbeat changes the lock within {@code
 * heartbeat}, so a second instance is refused then.
 *
 * <p>An owner that was only paused (a long GC, a suspended VM) past {@code staleAfter} finds on
 * waking that its lock is someone else's: its heartbeat reads the lock before rewriting it and
 * stops, and {@link #requireHeld} (called before each batch's writes) fails with {@link
 * LockLostException}, a permanent failure naming the new owner, so the paused driver stops before
 * its next commit. On stores without conditional writes a heartbeat that read the lock just before
 * a takeover can still rewrite it once; the new owner then finds it lost instead, so one of the two
 * stops, and the batches' tagged writes keep either from landing a batch twice.
 */
public final class CheckpointLock implements AutoCloseable {
  static final String FILE = "_splitflow.lock";
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.job");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The locks this JVM holds, by checkpoint, for {@link #requireHeld}. */
  private static final Map<String, CheckpointLock> HELD = new ConcurrentHashMap<>();

  private final FileSystem fs;
  private final Path file;
  private final String checkpoint;
  private final String ownerId;
  private final ObjectNode content;
  private final ScheduledExecutorService heartbeat;
  private final AtomicLong beats = new AtomicLong();
  private volatile String lostTo;

  private CheckpointLock(
      FileSystem fs,
      Path file,
      String checkpoint,
      String ownerId,
      ObjectNode content,
      Duration every) {
    this.fs = fs;
    this.file = file;
    this.checkpoint = checkpoint;
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
      ObjectNode content =
          JSON.createObjectNode()
              .put("owner", ownerId)
              .put("job", description)
              .put("host", hostName())
              .put("pid", ProcessHandle.current().pid())
              .put("started_at", Instant.now().toString())
              .put("beat", 0);
      for (int attempt = 0; attempt < 3; attempt++) {
        if (createExclusively(fs, file, content.toString())) {
          CheckpointLock lock =
              new CheckpointLock(fs, file, checkpoint, ownerId, content, heartbeat);
          HELD.put(checkpoint, lock);
          return lock;
        }
        Holder holder = Holder.read(fs, file);
        String staleness = holder.staleness();
        if (staleness == null) {
          staleness = watch(fs, file, holder, heartbeat, staleAfter);
          if (staleness == null) {
            Holder now = Holder.read(fs, file);
            throw new CheckpointInUseException(
                checkpoint, description, now.json != null ? now : holder, file, staleAfter);
          }
        }
        // conditional: only the lock judged stale is removed, not one taken meanwhile
        if (!holder.gone() && Holder.read(fs, file).sameAs(holder)) {
          LOG.warn(
              "{\"event\":\"checkpoint_lock_taken_over\",\"checkpoint\":\"{}\",\"previous\":{},"
                  + "\"reason\":\"{}\"}",
              checkpoint,
              holder.json,
              staleness);
          fs.delete(file, false);
        }
      }
      throw new CheckpointInUseException(
          checkpoint, description, Holder.read(fs, file), file, staleAfter);
    } catch (IOException e) {
      throw new UncheckedIOException("could not take the checkpoint lock " + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while watching the checkpoint lock " + file, e);
    }
  }

  /**
   * Watches a lock for {@code staleAfter} on this process's clock: null as soon as it changes (its
   * owner lives), else why it may be taken: released meanwhile, or unchanged all along.
   */
  private static String watch(
      FileSystem fs, Path file, Holder seen, Duration heartbeat, Duration staleAfter)
      throws IOException, InterruptedException {
    long poll = Math.max(50, Math.min(1_000, heartbeat.toMillis() / 4));
    long start = System.nanoTime();
    while (System.nanoTime() - start < staleAfter.toNanos()) {
      TimeUnit.MILLISECONDS.sleep(poll);
      Holder now = Holder.read(fs, file);
      if (now.gone()) {
        return "released";
      }
      if (!now.sameAs(seen)) {
        return null;
      }
    }
    return "unchanged for " + staleAfter.toSeconds() + " s (no heartbeat)";
  }

  /**
   * Fails with {@link LockLostException} when this JVM held the lock of {@code checkpoint} and
   * another instance has taken it since; a no-op for a checkpoint this JVM holds no lock of (the
   * lock switched off, a writer run outside a job). Called before a batch writes its tables.
   */
  public static void requireHeld(String checkpoint) {
    CheckpointLock lock = HELD.get(checkpoint);
    if (lock != null) {
      lock.check();
    }
  }

  /** Throws {@link LockLostException} if the lock file is no longer this instance's. */
  void check() {
    if (lostTo == null) {
      try {
        Holder holder = Holder.read(fs, file);
        if (holder.takenFrom(ownerId)) {
          lost(holder);
        }
      } catch (IOException e) {
        // the store did not answer: the heartbeat and the next batch look again
        LOG.warn("could not read the checkpoint lock {}: {}", file, e.toString());
      }
    }
    if (lostTo != null) {
      throw new LockLostException(checkpoint, file, lostTo);
    }
  }

  private void lost(Holder holder) {
    if (lostTo == null) {
      lostTo = holder.json == null ? "the lock was removed" : holder.describe();
      LOG.error(
          "{\"event\":\"checkpoint_lock_lost\",\"checkpoint\":\"{}\",\"now\":\"{}\"}",
          checkpoint,
          lostTo.replace("\"", "'"));
      heartbeat.shutdown();
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

  /** Rewrites the lock with the next heartbeat count, if it is still this instance's. */
  private void beat() {
    try {
      Holder holder = Holder.read(fs, file);
      if (holder.takenFrom(ownerId)) {
        lost(holder);
        return;
      }
      if (holder.json == null) {
        return; // unreadable for a moment: the next beat looks again
      }
      content.put("beat", beats.incrementAndGet()).put("beat_at", Instant.now().toString());
      try (OutputStream out = fs.create(file, true)) {
        out.write(content.toString().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not refresh the checkpoint lock {}: {}", file, e.toString());
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    HELD.remove(checkpoint, this);
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

  /** What the lock file says about its owner: its content as read, and its timestamp. */
  record Holder(JsonNode json, String text, Instant lastBeat) {
    static Holder read(FileSystem fs, Path file) throws IOException {
      try {
        Instant modified = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
        JsonNode json = null;
        String text = null;
        try (InputStream in = fs.open(file)) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          JsonNode parsed = JSON.readTree(text);
          // empty or cut short while its owner rewrites it: judged by its timestamp alone
          json = parsed != null && parsed.isObject() && parsed.has("owner") ? parsed : null;
        } catch (IOException | RuntimeException unreadable) {
          // being rewritten by its owner's heartbeat: judged by its timestamp alone
        }
        return new Holder(json, text, modified);
      } catch (java.io.FileNotFoundException gone) {
        return new Holder(null, null, Instant.EPOCH);
      }
    }

    boolean gone() {
      return lastBeat.equals(Instant.EPOCH) && text == null;
    }

    /** The same lock, unchanged: same content and timestamp, or gone both times. */
    boolean sameAs(Holder other) {
      return java.util.Objects.equals(text, other.text) && lastBeat.equals(other.lastBeat);
    }

    /** Whether the lock now says another owner, or is gone, for an instance that held it. */
    boolean takenFrom(String ownerId) {
      return gone() || (json != null && !json.path("owner").asText().equals(ownerId));
    }

    /**
     * Why the owner is certainly gone without watching, or null: the lock was released, or its
     * process of this host no longer runs.
     */
    String staleness() {
      if (gone()) {
        return "released";
      }
      if (json != null && json.path("host").asText().equals(hostName())) {
        long pid = json.path("pid").asLong(-1);
        if (pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
          return "process " + pid + " of this host is gone";
        }
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

  /** This instance's lock was taken over by another (it was paused past the stale period). */
  public static final class LockLostException extends PermanentException {
    LockLostException(String checkpoint, Path file, String now) {
      super(
          "checkpoint.lock-lost",
          "checkpoint "
              + checkpoint
              + ": this instance lost its lock "
              + file
              + " to another instance ("
              + now
              + "), most likely after it was paused past the stale period; it stops before its"
              + " next commit so that two instances never run the same batches.");
    }
  }

  /** Another instance runs on this checkpoint. */
  public static final class CheckpointInUseException extends PermanentException {
    CheckpointInUseException(
        String checkpoint, String description, Holder holder, Path file, Duration staleAfter) {
      super(
          "checkpoint.in-use",
          "checkpoint "
              + checkpoint
              + " is in use by another instance of "
              + description
              + " ("
              + holder.describe()
              + "); two instances on one checkpoint would run the same batches. Stop the other"
              + " one; if it died, its lock "
              + file
              + " is taken over once it has not changed for "
              + staleAfter.toSeconds()
              + " s, or delete that file.");
    }
  }
}
