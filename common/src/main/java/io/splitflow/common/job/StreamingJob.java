package io.splitflow.common.job;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/** One job's stream wiring: prepares its tables and starts its query. */
public interface StreamingJob {
  /**
   * Checks what needs a session to check (the input table exists, rules compile against its schema)
   * and writes nothing: a failure here leaves no table and no checkpoint behind. Runs before the
   * checkpoint is locked and before {@link #start}.
   */
  default void validate(SparkSession spark, JobContext context) {}

  StreamingQuery start(SparkSession spark, JobContext context) throws TimeoutException;

  /** Frees what {@link #start} opened for the query (clients, pools) once the query has ended. */
  default void release() {}
}
