package io.splitflow.common.job;

import com.fasterxml.jackson.databind.ObjectMapper;
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
                  .put("error", firstLine(failure))
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
      boolean stopping = false;
      while (!query.awaitTermination(POLL_MILLIS)) {
        // between batches only, so the batch in flight commits before the query stops
        if (!stopping && stop.requested() && !query.status().isTriggerActive()) {
          stopping = true;
          LOG.info(
              JSON.createObjectNode()
                  .put("event", "stopping")
                  .put("job", context.job().id())
                  .put("dataset", context.dataset().name())
                  .put("reason", stop.reason() + "; no batch in flight")
                  .toString());
          query.stop();
        }
      }
    } finally {
      job.release();
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
    if (!Boolean.parseBoolean(spark.conf().get(LOCK_ENABLED, "true"))) {
      return null;
    }
    return CheckpointLock.acquire(
        context.checkpoint(),
        context.job().id() + "-job for dataset " + context.dataset().name(),
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
