package io.splitflow.merge;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.table.Transactions;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Merges one micro-batch of bronze into gold. The MERGE carries (txnAppId, batchId): if the job
 * dies after the MERGE commits and before the checkpoint does, the re-run batch is skipped.
 */
final class GoldBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  private final JobContext context;

  GoldBatchWriter(JobContext context) {
    this.context = context;
  }

  @Override
  public void call(Dataset<Row> bronze, Long batchId) {
    SparkSession spark = bronze.sparkSession();
    MergeSpec spec = MergeSpec.of(context.dataset(), MergeTuning.from(spark.conf()));
    String txnAppId = context.txnAppId(Transactions.currentQueryId(spark));
    new MergeBatch(
            spark, spec, context.table(TableLayer.GOLD), context.table(TableLayer.MERGE_EVENTS))
        .run(bronze, batchId, txnAppId);
    FaultPoints.check(FaultPoints.MERGE_AFTER_MERGE);
  }
}
