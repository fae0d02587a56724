package io.splitflow.common.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.config.Secrets;
import io.splitflow.common.events.JobEvents;
import io.splitflow.common.spark.ProgressLogger;
import io.splitflow.common.trigger.TriggerSpec;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job's query in a session until it ends: holds the checkpoint's lock while it runs, stops
 * it after its current batch when asked to ({@link GracefulStop}), and starts it again after a
 * failure as often as its {@link RestartPolicy} allows.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.job");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long POLL_MILLIS = 200;

  /** Once a stop is asked for: how often to look whether the batch in flight has ended. */
  private static final long STOPPING_POLL_MILLIS = 10;

  /** Spark confs that tune the checkpoint lock (seconds). */
  static final String LOCK_ENABLED = "spark.splitflow.checkpoint-lock.enabled";

  static final String LOCK_HEARTBEAT = "spark.splitflow.checkpoint-lock.heartbeat-seconds";
  static final String LOCK_STALE_AFTER = "spark.splitflow.checkpoint-lock.stale-after-seconds";

  private JobRunner() {}

  public static void run(SparkSession spark, JobContext context, StreamingJob job)
      throws TimeoutException, StreamingQueryException {
    run(spark, context, job, RestartPolicy.NEVER);
  }

  public static void run(
      SparkSession spark, JobContext context, StreamingJob job, RestartPolicy policy)
      throws TimeoutException, StreamingQueryException {
    job.validate(spark, context); // before the lock, which creates the checkpoint directory
    runValidated(spark, context, job, policy, new StopSignal(), "exit");
  }

  /**
   * Runs a job whose {@link StreamingJob#validate} has passed. The query also stops after its
   * current batch when {@code stop} is requested (SIGTERM, or another dataset of the application
   * failed under stop-all); {@code whenFailed} says in the event log what a final failure leads to.
   */
  static void runValidated(
      SparkSession spark,
      JobContext context,
      StreamingJob job,
      RestartPolicy policy,
      StopSignal stop,
      String whenFailed)
      throws TimeoutException, StreamingQueryException {
    ProgressLogger listener = new ProgressLogger(context);
    spark.streams().addListener(listener);
    JobEvents events = new JobEvents(context);
    try (CheckpointLock lock = lock(spark, context)) {
      for (int restart = 1; ; restart++) {
        try {
          runOnce(spark, context, job, events, stop);
          events.stopped(spark, stopReason(context, stop));
          return;
        } catch (StreamingQueryException | RuntimeException failure) {
          boolean restarting = policy.shouldRestart(restart, failure) && !stop.requested();
          events.failed(spark, failure, restarting ? "restart" : whenFailed);
          if (!restarting) {
            throw failure;
          }
          Duration wait = policy.backoff(restart);
          LOG.warn(
              JSON.createObjectNode()
                  .put("event", "restarting")
                  .put("job", context.job().id())
                  .put("dataset", context.dataset().name())
                  .put("restart", restart)
                  .put("of", policy.restarts())
                  .put("backoff_ms", wait.toMillis())
                  .put("error", Secrets.scrub(firstLine(failure)))
                  .toString());
          sleep(wait, stop);
        }
      }
    } finally {
      spark.streams().removeListener(listener);
    }
  }

  private static void runOnce(
      SparkSession spark, JobContext context, StreamingJob job, JobEvents events, StopSignal stop)
      throws TimeoutException, StreamingQueryException {
    try {
      io.splitflow.common.spark.CatchUpProgress.register(spark, context);
      StreamingQuery query = job.start(spark, context);
      events.started(spark, query.id().toString());
      StopAfterBatch stopper = null;
      boolean stopped = false;
      try {
        while (!query.awaitTermination(stopper == null ? POLL_MILLIS : STOPPING_POLL_MILLIS)) {
          if (stopper == null && stop.requested()) {
            stopper = new StopAfterBatch(query);
          }
          if (stopper != null && !stopped && stopper.batchInFlightEnded()) {
            LOG.info(
                JSON.createObjectNode()
                    .put("event", "stopping")
                    .put("job", context.job().id())
                    .put("dataset", context.dataset().name())
                    .put("reason", stop.reason() + "; " + stopper.describe())
                    .toString());
            stopped = true;
            query.stop();
          }
        }
      } catch (StreamingQueryException interrupted) {
        if (!stopped) {
          throw interrupted;
        }
        // a batch that had just begun, interrupted by the stop: not committed, re-run next start
        LOG.info(
            JSON.createObjectNode()
                .put("event", "stopped")
                .put("job", context.job().id())
                .put("dataset", context.dataset().name())
                .put("interrupted_batch", Secrets.scrub(firstLine(interrupted)))
                .toString());
      }
    } finally {
      job.release();
    }
  }

  /**
   * When to stop a query asked to stop: at once when no batch is in flight, else as soon as the
   * batch in flight has committed, which the query's next progress report says. Waiting for a gap
   * between batches instead never ends when a backlog keeps them back to back. Spark may have
   * started the next batch by the time the stop lands: {@code query.stop()} interrupts it before
   * its checkpoint commit, and it is re-run on the next start, its writes skipped where they
   * committed (each write is once per batch), as after a crash.
   */
  static final class StopAfterBatch {
    private final StreamingQuery query;
    private final boolean batchInFlight;
    private final Object progressAtRequest;

    StopAfterBatch(StreamingQuery query) {
      this.query = query;
      this.batchInFlight = query.status().isTriggerActive();
      this.progressAtRequest = query.lastProgress();
    }

    boolean batchInFlightEnded() {
      return !batchInFlight
          || !query.status().isTriggerActive()
          || query.lastProgress() != progressAtRequest;
    }

    String describe() {
      return batchInFlight ? "the batch in flight has committed" : "no batch in flight";
    }
  }

  /** Why a query ended without an error, as the {@code stop} event says it. */
  static String stopReason(JobContext context, StopSignal stop) {
    if (stop.requested()) {
      return stop.reason();
    }
    if (context.trigger() instanceof TriggerSpec.AvailableNow) {
      return "available-now: drained";
    }
    return context.trigger() instanceof TriggerSpec.Once ? "once: done" : "stopped";
  }

  private static CheckpointLock lock(SparkSession spark, JobContext context) {
    return lock(spark, context, context.job().id() + "-job");
  }

  /**
   * Takes {@code context}'s checkpoint lock for {@code who} (a job, or a tool that must not run
   * beside it, e.g. replay), with the session's lock confs; null when the lock is switched off.
   */
  public static CheckpointLock lock(SparkSession spark, JobContext context, String who) {
    if (!Boolean.parseBoolean(spark.conf().get(LOCK_ENABLED, "true"))) {
      return null;
    }
    return CheckpointLock.acquire(
        context.checkpoint(),
        who + " for dataset " + context.dataset().name(),
        spark.sessionState().newHadoopConf(),
        Duration.ofSeconds(Long.parseLong(spark.conf().get(LOCK_HEARTBEAT, "10"))),
        Duration.ofSeconds(Long.parseLong(spark.conf().get(LOCK_STALE_AFTER, "60"))));
  }

  private static void sleep(Duration wait, StopSignal stop) throws StreamingQueryException {
    try {
      long until = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < until && !stop.requested()) {
        Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to restart", e);
    }
  }

  private static String firstLine(Throwable failure) {
    return JobEvents.firstLine(failure);
  }
}
