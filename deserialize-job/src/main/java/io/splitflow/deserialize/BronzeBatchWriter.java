package io.splitflow.deserialize;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobVersion;
import io.splitflow.common.table.Transactions;
import io.splitflow.deserialize.decode.Decoded;
import io.splitflow.deserialize.decode.JsonDecoder;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one micro-batch to bronze and to the dead-letter table. Each append carries (txnAppId,
 * batchId), so when Spark re-runs a batch after a crash between the two writes, the write that
 * already landed is skipped and the other one is made: each record lands once.
 */
final class BronzeBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  private static final Logger LOG = LoggerFactory.getLogger(BronzeBatchWriter.class);
  private final JobContext context;
  private final JsonDecoder decoder;

  BronzeBatchWriter(JobContext context, JsonDecoder decoder) {
    this.context = context;
    this.decoder = decoder;
  }

  @Override
  public void call(Dataset<Row> raw, Long batchId) {
    String appId = Transactions.currentQueryId(raw.sparkSession());
    String txnAppId = context.txnAppId(appId);
    Dataset<Row> decoded = decoder.decode(raw).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Decoded split = decoder.split(decoded, JobVersion.current());
      Transactions.appendOnce(split.bronze(), context.table(TableLayer.BRONZE), txnAppId, batchId);
      FaultPoints.check(FaultPoints.DESERIALIZE_AFTER_BRONZE);
      Transactions.appendOnce(
          split.deadLetters(), context.table(TableLayer.DEAD_LETTER), txnAppId, batchId);
      LOG.debug(
          "batch {} of {} written to bronze and dead letters", batchId, context.dataset().name());
    } finally {
      decoded.unpersist();
    }
  }
}
