package io.splitflow.deserialize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.config.UnknownFields;
import io.splitflow.common.job.CheckpointLock;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.table.Transactions;
import io.splitflow.deserialize.batch.BatchCounts;
import io.splitflow.deserialize.batch.BatchEvents;
import io.splitflow.deserialize.batch.BatchProcessor;
import io.splitflow.deserialize.batch.ErrorBudget;
import io.splitflow.deserialize.evolution.BatchOrigin;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one micro-batch to bronze and to the dead-letter table. Each append carries (txnAppId,
 * batchId), so when Spark re-runs a batch after a crash between the two writes, the write that
 * already landed is skipped and the other one is made: each record lands once. A batch without dead
 * letters makes no dead-letter commit: bronze's commit says how many the batch has, and a re-run
 * batch goes by what the commit that landed says (see {@link BronzeCommits}). Fail rules and the
 * error budget are checked before either write. Columns a batch adds to bronze (schema evolution)
 * land with its bronze append, in one commit. Last, the batch's counts go to the event log.
 */
final class BronzeBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  private static final Logger LOG = LoggerFactory.getLogger("io.splitflow.deserialize");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JobContext context;
  private final BatchProcessor processor;
  private final BatchEvents events;

  BronzeBatchWriter(JobContext context, BatchProcessor processor) {
    this.context = context;
    this.processor = processor;
    this.events = new BatchEvents(context);
  }

  @Override
  public void call(Dataset<Row> raw, Long batchId) throws Exception {
    String queryId = Transactions.currentQueryId(raw.sparkSession());
    String txnAppId = context.txnAppId(queryId);
    try (BatchProcessor.Processed batch =
        processor.process(raw, Optional.of(new BatchOrigin(txnAppId, batchId)))) {
      BatchCounts counts = batch.counts();
      ErrorBudget.check(
          context.dataset().name(),
          batchId,
          counts,
          context.dataset().decode().maxDeadLetterRatio());
      TableRef bronze = context.table(TableLayer.BRONZE);
      CheckpointLock.requireHeld(
          context.checkpoint()); // a paused driver that lost it writes nothing
      appendToBronze(batch, bronze, txnAppId, batchId);
      FaultPoints.check(FaultPoints.DESERIALIZE_AFTER_BRONZE);
      if (BronzeCommits.deadLetters(raw.sparkSession(), bronze, txnAppId, batchId) != 0) {
        Transactions.appendOnce(
            batch.deadLetters(), context.table(TableLayer.DEAD_LETTER), txnAppId, batchId);
      }
      events.append(raw.sparkSession(), queryId, batchId, counts);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("event", "deserialized");
      line.put("dataset", context.dataset().name());
      line.put("batch_id", batchId);
      line.putAll(counts.asMap());
      if (!batch.addedColumns().isEmpty()) {
        line.put("added_columns", columnNames(batch.addedColumns()));
      }
      LOG.info(JSON.writeValueAsString(line));
    }
  }

  /**
   * With new columns, the append merges them into bronze's schema, in the same commit as the rows
   * and under the same (txnAppId, batchId): a re-run batch finds them in bronze and adds none. The
   * commit records how many dead letters the batch has, for {@link BronzeCommits#deadLetters}.
   */
  private void appendToBronze(
      BatchProcessor.Processed batch, TableRef bronze, String txnAppId, long batchId) {
    Map<String, String> options = new HashMap<>();
    options.put(Transactions.USER_METADATA, BronzeCommits.marker(batch.counts().deadLetters()));
    if (!batch.addedColumns().isEmpty()) {
      LOG.info(
          "dataset {}: batch {} adds bronze columns {}",
          context.dataset().name(),
          batchId,
          columnNames(batch.addedColumns()));
      options.put(Transactions.MERGE_SCHEMA, "true");
    }
    if (context.dataset().decode().unknownFields() == UnknownFields.KEEP) {
      // adds _extra to a bronze table made before the dataset kept unknown fields
      options.put(Transactions.MERGE_SCHEMA, "true");
    }
    Transactions.appendOnce(batch.bronze(), bronze, txnAppId, batchId, options);
  }

  private static List<String> columnNames(List<FieldSpec> columns) {
    return columns.stream().map(c -> c.name() + " " + c.type().typeName()).toList();
  }
}
