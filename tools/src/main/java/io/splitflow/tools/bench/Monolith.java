package io.splitflow.tools.bench;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.table.TableDefinitions;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.table.Transactions;
import io.splitflow.deserialize.batch.BatchProcessor;
import io.splitflow.deserialize.batch.BatchProcessors;
import io.splitflow.ingest.KafkaSourceOptions;
import io.splitflow.ingest.RawRows;
import io.splitflow.merge.MergeBatch;
import io.splitflow.merge.MergeJob;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.MergeTuning;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The "before" of the split: one streaming query that reads Kafka and, in each micro-batch,
 * decodes, validates, dedupes and MERGEs into gold, with dead letters appended beside it. It uses
 * splitflow's own decoding and merge code, so the comparison is of the shape, not of the code: no
 * raw or bronze table, one checkpoint, one micro-batch size for everything.
 */
final class Monolith {
  private Monolith() {}

  /** Runs the monolith over the topic's backlog (available-now) and returns when it is drained. */
  static void run(SparkSession spark, JobContext context) throws Exception {
    MergeSpec spec = MergeSpec.of(context.dataset(), MergeTuning.from(spark.conf()));
    TableRef gold = context.table(TableLayer.GOLD);
    MergeJob.ensureTables(spark, context, spec);
    TableInitializer.ensure(spark, TableDefinitions.deadLetter(context.dataset()));
    BatchProcessor processor = BatchProcessors.forDataset(spark, context.dataset());
    StreamingQuery query =
        spark
            .readStream()
            .format("kafka")
            .options(KafkaSourceOptions.of(context.config().kafka(), context.dataset()))
            .load()
            .writeStream()
            .queryName("splitflow-bench-monolith")
            .option("checkpointLocation", context.checkpoint())
            .trigger(context.trigger().toSparkTrigger())
            .foreachBatch(
                (VoidFunction2<Dataset<Row>, Long>)
                    (kafka, batchId) -> {
                      String appId =
                          "splitflow-bench-monolith-" + Transactions.currentQueryId(spark);
                      // the processor caches the decoded batch: Kafka is read once per batch
                      try (BatchProcessor.Processed batch =
                          processor.process(RawRows.fromKafka(kafka))) {
                        Transactions.appendOnce(
                            batch.deadLetters(),
                            context.table(TableLayer.DEAD_LETTER),
                            appId,
                            batchId);
                        new MergeBatch(spark, spec, gold, context.table(TableLayer.MERGE_EVENTS))
                            .run(batch.bronze(), batchId, appId);
                      }
                    })
            .start();
    query.awaitTermination();
  }
}
