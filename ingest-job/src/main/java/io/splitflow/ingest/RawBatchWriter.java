package io.splitflow.ingest;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.events.EventLog;
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
  private final GroupOffsets groupOffsets;

  RawBatchWriter(JobContext context) {
    this.context = context;
    this.dataLoss =
        new DataLossWatch(
            context.config().kafka(),
            context.dataset().name(),
            context.checkpoint(),
            EventLog.of(context.config()));
    this.groupOffsets =
        new GroupOffsets(context.config().kafka(), context.dataset().name(), context.checkpoint());
  }

  @Override
  public void call(Dataset<Row> kafka, Long batchId) {
    String queryId = Transactions.currentQueryId(kafka.sparkSession());
    dataLoss.check(
        kafka.sparkSession(),
        queryId,
        batchId,
        kafka.sparkSession().sparkContext().hadoopConfiguration());
    String txnAppId = context.txnAppId(queryId);
    Transactions.appendOnce(
        RawRows.fromKafka(kafka), context.table(TableLayer.RAW), txnAppId, batchId);
    FaultPoints.check(FaultPoints.INGEST_AFTER_RAW);
    groupOffsets.commit(batchId, kafka.sparkSession().sparkContext().hadoopConfiguration());
  }

  @Override
  public void close() {
    dataLoss.close();
    groupOffsets.close();
  }
}
