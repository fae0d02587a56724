package io.splitflow.common.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitflow.common.config.OnDatasetFailure;
import io.splitflow.common.config.Secrets;
import io.splitflow.common.events.JobEvents;
import io.splitflow.common.spark.SparkSessions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One application, one streaming query per dataset: each runs on a thread of its own, in a FAIR
 * scheduler pool named after its dataset (so a dataset with a large backlog does not hold the
 * executors while the others wait), with its own checkpoint, lock, restarts and event-log rows. A
 * dataset that fails for good is isolated (the others go on) or stops them all, as {@code
 * on-dataset-failure} says; the outcome lists every dataset that failed.
 */
public final class DatasetQueries {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.job");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The local property Spark's FAIR scheduler reads a job's pool from. */
  public static final String POOL_PROPERTY = "spark.scheduler.pool";

  private DatasetQueries() {}

  /** A dataset whose query ended with an error. */
  public record Failure(String dataset, Throwable error) {}

  /**
   * Runs every context's query until all have ended and returns the datasets that failed. Every
   * dataset is validated first: with {@code stop-all} a failure there stops the job before any
   * query starts; with {@code isolate} only that dataset is left out.
   */
  public static List<Failure> run(
      SparkSession spark,
      List<JobContext> contexts,
      Supplier<StreamingJob> jobs,
      RestartPolicy policy,
      OnDatasetFailure onFailure) {
    String then = onFailure.key();
    List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    StopSignal stop = new StopSignal();
    LOG.info(
        line("datasets", contexts.get(0).job())
            .put("on_dataset_failure", then)
            .put(
                "scheduler_mode",
                spark.sparkContext().getConf().get(SparkSessions.SCHEDULER_MODE, "FIFO"))
            .putPOJO("datasets", contexts.stream().map(c -> c.dataset().name()).toList())
            .toString());

    Map<JobContext, StreamingJob> valid = new LinkedHashMap<>();
    for (JobContext context : contexts) {
      StreamingJob job = jobs.get();
      try {
        job.validate(spark, context);
        valid.put(context, job);
      } catch (RuntimeException invalid) {
        if (onFailure == OnDatasetFailure.STOP_ALL) {
          throw invalid; // nothing has started or been written yet
        }
        new JobEvents(context).failed(spark, invalid, then);
        failed(failures, context, invalid, then);
      }
    }

    List<Thread> threads = new ArrayList<>();
    valid.forEach(
        (context, job) -> {
          Thread thread =
              new Thread(
                  () -> runOne(spark, context, job, policy, stop, onFailure, failures),
                  context.queryName());
          thread.start();
          threads.add(thread);
        });
    for (Thread thread : threads) {
      joinUninterruptibly(thread);
    }
    List<Failure> result = List.copyOf(failures);
    List<String> failedNames = result.stream().map(Failure::dataset).toList();
    LOG.info(
        line("datasets_done", contexts.get(0).job())
            .putPOJO(
                "succeeded",
                contexts.stream()
                    .map(c -> c.dataset().name())
                    .filter(name -> !failedNames.contains(name))
                    .toList())
            .putPOJO("failed", failedNames)
            .toString());
    return result;
  }

  private static void runOne(
      SparkSession spark,
      JobContext context,
      StreamingJob job,
      RestartPolicy policy,
      StopSignal stop,
      OnDatasetFailure onFailure,
      List<Failure> failures) {
    // inherited by the query's thread, so every Spark job of this dataset runs in its pool
    spark.sparkContext().setLocalProperty(POOL_PROPERTY, context.dataset().name());
    try {
      JobRunner.runValidated(spark, context, job, policy, stop, onFailure.key());
    } catch (Exception | Error failure) {
      failed(failures, context, failure, onFailure.key());
      if (onFailure == OnDatasetFailure.STOP_ALL) {
        stop.request(
            "dataset " + context.dataset().name() + " failed and on-dataset-failure is stop-all");
      }
    }
  }

  private static void failed(
      List<Failure> failures, JobContext context, Throwable failure, String then) {
    failures.add(new Failure(context.dataset().name(), failure));
    LOG.error(
        line("dataset_failed", context.job())
            .put("dataset", context.dataset().name())
            .put("then", then)
            .put("error", Secrets.scrub(JobEvents.rootMessage(failure)))
            .toString());
  }

  private static ObjectNode line(String event, JobName job) {
    return JSON.createObjectNode().put("event", event).put("job", job.id());
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
