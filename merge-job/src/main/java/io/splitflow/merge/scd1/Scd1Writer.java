package io.splitflow.merge.scd1;

import static org.apache.spark.sql.functions.broadcast;

import io.splitflow.common.table.TableRef;
import io.splitflow.common.table.Transactions;
import io.splitflow.merge.GoldWriter;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.commit.BatchTxn;
import io.splitflow.merge.commit.MergeSource;
import io.splitflow.merge.gold.BatchPredicates;
import io.splitflow.merge.gold.TouchedRows;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * SCD1: classify the batch against gold's rows for its keys, then write only what changes gold: a
 * MERGE, or an append when every row to write is for a key gold does not hold yet.
 */
public final class Scd1Writer implements GoldWriter {
  private final SparkSession spark;
  private final TableRef gold;
  private final MergeSpec spec;

  public Scd1Writer(SparkSession spark, TableRef gold, MergeSpec spec) {
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
    OptionalLong readVersion = Transactions.knownVersion(spark, gold);
    Dataset<Row> goldRows = TouchedRows.read(spark, gold, versions, spec, predicates, versionCount);
    try (MergeSource frozen = MergeSource.freeze(Scd1Changes.classify(versions, goldRows, spec))) {
      Dataset<Row> classified = frozen.rows();
      Scd1Changes.Tally tally = Scd1Changes.counts(classified, skipped);
      Map<String, String> scan = Map.of();
      if (tally.changesGold()) {
        Dataset<Row> toMerge = Scd1Changes.toMerge(classified);
        // gold read at the version known before and after the classification ran: that is the
        // version it saw, and the append commits only on top of it
        if (tally.newKeysOnly()
            && readVersion.isPresent()
            && Transactions.knownVersion(spark, gold).equals(readVersion)
            && txn.appendNewKeys(tally.counts(), toMerge, gold, readVersion.getAsLong())) {
          return new Written(tally.counts(), scan);
        }
        Dataset<Row> source =
            versionCount <= spec.tuning().broadcastMaxRows() ? broadcast(toMerge) : toMerge;
        scan =
            txn.commit(
                tally.counts(),
                () -> Scd1Merge.merge(spark, gold, source, spec.keys(), predicates));
      }
      return new Written(tally.counts(), scan);
    }
  }
}
