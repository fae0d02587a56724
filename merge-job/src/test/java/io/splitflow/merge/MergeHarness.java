package io.splitflow.merge;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.merge.gold.GoldTable;
import io.splitflow.merge.metrics.MergeEvent;
import io.splitflow.merge.metrics.MergeEvents;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A gold and a merge-events table under a directory, and batches merged into them in order. */
public final class MergeHarness {
  public static final String APP_ID = "splitflow-test-merge-q1";

  public final SparkSession spark;
  public final MergeSpec spec;
  public final TableRef gold;
  public final TableRef events;
  private long nextBatch;
  private String appId = APP_ID;

  public MergeHarness(SparkSession spark, Path dir, MergeSpec spec) {
    this.spark = spark;
    this.spec = spec;
    this.gold = TableRef.atPath(dir.resolve("gold").toString());
    this.events = TableRef.atPath(dir.resolve("merge_events").toString());
    GoldTable.ensure(spark, gold, spec);
    TableInitializer.ensure(spark, events, MergeEvents.schema(), null, Map.of());
  }

  public static MergeSpec spec(MergeMode mode) {
    return MergeSpec.of(
        "readings", mode, BronzeFixtures.FIELDS, BronzeFixtures.KEYS, BronzeFixtures.SEQUENCE_BY);
  }

  public MergeEvent merge(BronzeFixtures batch) {
    return merge(batch.toDataset(spark));
  }

  public MergeEvent merge(Dataset<Row> bronze) {
    return merge(bronze, nextBatch++);
  }

  /** Merges as batch {@code batchId}, e.g. again after a crash. */
  public MergeEvent merge(Dataset<Row> bronze, long batchId) {
    return new MergeBatch(spark, spec, gold, events, d -> {}).run(bronze, batchId, appId);
  }

  public MergeHarness withAppId(String newAppId) {
    this.appId = newAppId;
    return this;
  }

  /** The (app id, version) pairs of every transaction in a table's log, in commit order. */
  public static List<String> transactions(
      SparkSession spark, io.splitflow.common.table.TableRef table) {
    return spark
        .read()
        .json(table.path() + "/_delta_log/*.json")
        .where("txn IS NOT NULL")
        .orderBy(org.apache.spark.sql.functions.input_file_name())
        .selectExpr("concat(txn.appId, '/', txn.version)")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  /** Gold's rows ordered by key then sequence. */
  public List<Row> goldRows() {
    return gold.read(spark).orderBy("id", "_sequence").collectAsList();
  }

  public long goldVersion() {
    return gold.deltaTable(spark).history(1).head().getLong(0);
  }

  public Map<String, String> lastOperationMetrics() {
    Row last = gold.deltaTable(spark).history(1).head();
    return last.getJavaMap(last.fieldIndex("operationMetrics"));
  }
}
