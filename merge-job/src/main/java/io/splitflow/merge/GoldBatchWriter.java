package io.splitflow.merge;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.table.Transactions;
import io.splitflow.merge.dedupe.BatchDeduper;
import io.splitflow.merge.scd1.GoldRows;
import io.splitflow.merge.scd1.Scd1Merge;
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
    DatasetConfig dataset = context.dataset();
    Dataset<Row> latest =
        BatchDeduper.latestPerKey(bronze, dataset.merge().keys(), dataset.merge().sequenceBy());
    Dataset<Row> source = GoldRows.of(latest, dataset.fields());
    String txnAppId = context.txnAppId(Transactions.currentQueryId(spark));
    Transactions.runOnce(
        spark,
        txnAppId,
        batchId,
        () ->
            Scd1Merge.merge(spark, context.table(TableLayer.GOLD), source, dataset.merge().keys()));
    FaultPoints.check(FaultPoints.MERGE_AFTER_MERGE);
  }
}
