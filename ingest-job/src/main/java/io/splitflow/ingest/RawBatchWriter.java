package io.splitflow.ingest;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.table.Transactions;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Appends one micro-batch of Kafka records to raw. The append carries (txnAppId, batchId): if the
 * job dies after the append commits and before the checkpoint does, the re-run batch is skipped.
 * Before reading, the batch checks that Kafka still holds every offset it is meant to read.
 */
final class RawBatchWriter implements VoidFunction2<Dataset<Row>, Long>, AutoCloseable {
  private final JobContext context;
  private final DataLossWatch dataLoss;

  RawBatchWriter(JobContext context) {
    this.context = context;
    this.dataLoss =
        new DataLossWatch(context.config().kafka(), context.dataset().name(), context.checkpoint());
  }

  @Override
  public void call(Dataset<Row> kafka, Long batchId) {
    dataLoss.check(batchId, kafka.sparkSession().sparkContext().hadoopConfiguration());
    String txnAppId = context.txnAppId(Transactions.currentQueryId(kafka.sparkSession()));
    Transactions.appendOnce(
        RawRows.fromKafka(kafka), context.table(TableLayer.RAW), txnAppId, batchId);
    FaultPoints.check(FaultPoints.INGEST_AFTER_RAW);
  }

  @Override
  public void close() {
    dataLoss.close();
  }
}
