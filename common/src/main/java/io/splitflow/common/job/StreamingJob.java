package io.splitflow.common.job;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/** One job's stream wiring: prepares its tables and starts its query. */
public interface StreamingJob {
  StreamingQuery start(SparkSession spark, JobContext context) throws TimeoutException;

  /** Frees what {@link #start} opened for the query (clients, pools) once the query has ended. */
  default void release() {}
}
