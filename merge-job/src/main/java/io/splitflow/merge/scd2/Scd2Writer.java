package io.splitflow.merge.scd2;

import static org.apache.spark.sql.functions.broadcast;

import io.splitflow.common.table.TableRef;
import io.splitflow.merge.GoldWriter;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.commit.BatchTxn;
import io.splitflow.merge.commit.MergeSource;
import io.splitflow.merge.gold.BatchPredicates;
import io.splitflow.merge.gold.TouchedRows;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * SCD2: rebuild the history of the batch's keys from gold's rows and the new versions, and MERGE
 * the rows that differ.
 */
public final class Scd2Writer implements GoldWriter {
  private final SparkSession spark;
  private final TableRef gold;
  private final MergeSpec spec;

  public Scd2Writer(SparkSession spark, TableRef gold, MergeSpec spec) {
    this.spark = spark;
    this.gold = gold;
    this.spec = spec;
  }

  @Override
  public Written write(
      Dataset<Row> versions,
      long versionCount,
      long skipped,
      BatchPredicates predicates,
      BatchTxn txn) {
    StorageLevel level = StorageLevel.MEMORY_AND_DISK();
    Dataset<Row> current =
        TouchedRows.read(spark, gold, versions, spec, predicates, versionCount).persist(level);
    Dataset<Row> history = Scd2History.versions(current, versions, spec).persist(level);
    Dataset<Row> changes = Scd2Changes.of(current, Scd2History.rows(history, spec), spec);
    try {
      Scd2Changes.Tally tally = Scd2Changes.counts(history, versionCount, skipped);
      Map<String, String> scan = Map.of();
      if (tally.changesGold()) {
        try (MergeSource frozen = MergeSource.freeze(changes)) {
          Dataset<Row> source =
              versionCount <= spec.tuning().broadcastMaxRows()
                  ? broadcast(frozen.rows())
                  : frozen.rows();
          scan =
              txn.commit(
                  tally.counts(),
                  () -> Scd2Merge.merge(spark, gold, source, spec.keys(), predicates));
        }
      }
      return new Written(tally.counts(), scan);
    } finally {
      history.unpersist();
      current.unpersist();
    }
  }
}
