package io.splitflow.merge;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.job.FaultPoints;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.commit.BatchCommits;
import io.splitflow.merge.commit.BatchTxn;
import io.splitflow.merge.dedupe.Versions;
import io.splitflow.merge.gold.BatchPredicates;
import io.splitflow.merge.gold.BatchShape;
import io.splitflow.merge.metrics.BatchCounts;
import io.splitflow.merge.metrics.MergeEvent;
import io.splitflow.merge.metrics.MergeEvents;
import io.splitflow.merge.retry.ConflictRetry;
import io.splitflow.merge.retry.RetryPolicy;
import io.splitflow.merge.scd1.Scd1Writer;
import io.splitflow.merge.scd2.Scd2Writer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Merges one batch of bronze into gold and records it: versions from bronze, the mode's writer
 * under a bounded retry on Delta conflicts, then one log line and one merge-events row.
 */
public final class MergeBatch {
  /** Test crash point between the gold commit and the merge-events append. */
  public static final String AFTER_GOLD_COMMIT = "merge.after-gold-commit";

  private final SparkSession spark;
  private final MergeSpec spec;
  private final TableRef gold;
  private final TableRef events;
  private final ConflictRetry.Sleeper sleeper;
  private Runnable beforeWrite = () -> {};
  private Optional<Timestamp> newestSource = Optional.empty();

  public MergeBatch(
      SparkSession spark,
      MergeSpec spec,
      TableRef gold,
      TableRef events,
      ConflictRetry.Sleeper sleeper) {
    this.spark = spark;
    this.spec = spec;
    this.gold = gold;
    this.events = events;
    this.sleeper = sleeper;
  }

  public MergeBatch(SparkSession spark, MergeSpec spec, TableRef gold, TableRef events) {
    this(spark, spec, gold, events, ConflictRetry.Sleeper.THREAD);
  }

  /**
   * Runs {@code check} right before gold is written (after the batch is read and classified), e.g.
   * that this driver still holds its checkpoint's lock; it throws to stop the write.
   */
  public MergeBatch beforeWrite(Runnable check) {
    this.beforeWrite = check;
    return this;
  }

  public MergeEvent run(Dataset<Row> bronze, long batchId, String appId) {
    long start = System.nanoTime();
    MergeSpec batchSpec = spec.forGold(gold.read(spark).schema());
    Dataset<Row> all = Versions.of(bronze, batchSpec).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      BatchShape shape = BatchShape.of(all, batchSpec);
      newestSource = shape.newestSource();
      long input = shape.input();
      long skipped = shape.skipped();
      long versionCount = shape.versionCount();
      Dataset<Row> versions = Versions.applicable(all);
      BatchPredicates predicates = shape.predicates();
      BatchTxn txn = new BatchTxn(spark, appId, batchId, batchSpec.addColumns());
      GoldWriter writer = writer(batchSpec);
      RetryPolicy policy =
          RetryPolicy.of(batchSpec.tuning().maxAttempts(), batchSpec.tuning().firstBackoff());
      ConflictRetry.Attempted<GoldWriter.Written> written =
          versionCount == 0
              ? new ConflictRetry.Attempted<>(
                  new GoldWriter.Written(BatchCounts.skippedOnly(input, skipped), Map.of()), 0)
              : ConflictRetry.run(
                  policy,
                  gold,
                  batchId,
                  sleeper,
                  () -> {
                    beforeWrite.run();
                    return writer.write(versions, versionCount, skipped, predicates, txn);
                  });
      Optional<BatchCommits.Commit> commit = BatchCommits.find(spark, gold, appId, batchId);
      FaultPoints.check(AFTER_GOLD_COMMIT);
      MergeEvent event =
          new MergeEvent(
              spec.dataset(),
              batchId,
              appId,
              spec.mode(),
              commit.map(BatchCommits.Commit::counts).orElse(written.value().counts()),
              written.attempts(),
              (System.nanoTime() - start) / 1_000_000,
              commit
                  .map(BatchCommits.Commit::version)
                  .orElseGet(() -> BatchCommits.latestVersion(spark, gold)),
              commit.isPresent(),
              metrics(commit, written.value().scan()),
              Instant.now());
      MergeEvents.log(event);
      MergeEvents.append(spark, events, event);
      return event;
    } finally {
      all.unpersist();
    }
  }

  /**
   * The newest Kafka timestamp among the versions of the batch last run, by which {@code splitflow
   * status} measures gold's freshness; taken in the same pass as the batch's counts.
   */
  public Optional<Timestamp> newestSourceTimestamp() {
    return newestSource;
  }

  /** Delta's commit metrics, plus what the MERGE scanned when it ran in this attempt. */
  private static Map<String, String> metrics(
      Optional<BatchCommits.Commit> commit, Map<String, String> scan) {
    Map<String, String> all =
        new TreeMap<>(commit.map(BatchCommits.Commit::operationMetrics).orElse(Map.of()));
    all.putAll(scan);
    return all;
  }

  private GoldWriter writer(MergeSpec batchSpec) {
    return batchSpec.mode() == MergeMode.SCD2
        ? new Scd2Writer(spark, gold, batchSpec)
        : new Scd1Writer(spark, gold, batchSpec);
  }
}
