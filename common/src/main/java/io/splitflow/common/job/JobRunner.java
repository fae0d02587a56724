package io.splitflow.common.job;

import io.splitflow.common.spark.ProgressLogger;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;

/** Starts a job's query in a session and waits for it to end. */
public final class JobRunner {
  private JobRunner() {}

  public static void run(SparkSession spark, JobContext context, StreamingJob job)
      throws TimeoutException, StreamingQueryException {
    ProgressLogger listener = new ProgressLogger(context);
    spark.streams().addListener(listener);
    try {
      StreamingQuery query = job.start(spark, context);
      query.awaitTermination();
    } finally {
      spark.streams().removeListener(listener);
    }
  }
}
