package io.splitflow.merge.scd1;

import static io.splitflow.merge.BronzeFixtures.FIELDS;
import static io.splitflow.merge.BronzeFixtures.KEYS;
import static io.splitflow.merge.BronzeFixtures.SEQUENCE_BY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.table.Transactions;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.dedupe.BatchDeduper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Scd1MergeTest {
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;
  private TableRef gold;

  @BeforeEach
  void createGold() {
    gold = TableRef.atPath(dir.resolve("gold").toString());
    List<FieldSpec> sequence = FIELDS.stream().filter(f -> f.name().equals("seq")).toList();
    TableInitializer.ensure(spark, gold, TableSchemas.gold(FIELDS, sequence), null, Map.of());
  }

  private void merge(BronzeFixtures batch) {
    Dataset<Row> latest = BatchDeduper.latestPerKey(batch.toDataset(spark), KEYS, SEQUENCE_BY);
    Scd1Merge.merge(spark, gold, GoldRows.of(latest, FIELDS), KEYS);
  }

  private List<Row> goldRows() {
    return gold.read(spark).orderBy("id").collectAsList();
  }

  @Test
  void insertsNewKeysAndUpdatesWithNewerVersions() {
    merge(new BronzeFixtures().add("a", 1.0, 10, 1).add("b", 2.0, 10, 2));
    merge(new BronzeFixtures().add("a", 1.5, 20, 3).add("c", 3.0, 10, 4));

    assertThat(goldRows())
        .extracting(r -> r.getAs("id"), r -> r.getAs("value"))
        .containsExactly(tuple("a", 1.5), tuple("b", 2.0), tuple("c", 3.0));
  }

  @Test
  void lateUpdateDoesNotOverwriteNewerGold() {
    merge(new BronzeFixtures().add("a", 5.0, 50, 10));
    merge(new BronzeFixtures().add("a", 1.0, 10, 11));

    assertThat(goldRows()).extracting(r -> (Object) r.getAs("value")).containsExactly(5.0);
  }

  @Test
  void reDeliveryChangesNothing() {
    merge(new BronzeFixtures().add("a", 5.0, 50, 10));
    long versionBefore = gold.deltaTable(spark).history(1).head().getLong(0);
    Row before = goldRows().get(0);

    merge(new BronzeFixtures().add("a", 5.0, 50, 10));

    Row after = goldRows().get(0);
    assertThat(after.<Object>getAs("_updated_at")).isEqualTo(before.getAs("_updated_at"));
    assertThat(gold.read(spark).count()).isEqualTo(1);
    // a MERGE that matched nothing to change still commits, but rewrites no row
    Row metrics = gold.deltaTable(spark).history(1).head();
    assertThat(metrics.getLong(0)).isGreaterThan(versionBefore);
    Map<String, String> operationMetrics =
        metrics.getJavaMap(metrics.fieldIndex("operationMetrics"));
    assertThat(operationMetrics).containsEntry("numTargetRowsUpdated", "0");
  }

  @Test
  void rowHashCoversTheBusinessColumns() {
    merge(new BronzeFixtures().add("a", 5.0, 50, 10).add("b", 5.0, 50, 11));

    List<Row> rows = goldRows();
    assertThat(rows.get(0).<String>getAs("_row_hash"))
        .hasSize(64)
        .isNotEqualTo(rows.get(1).getAs("_row_hash"));
  }

  @Test
  void retriedBatchWithTheSameTxnVersionIsSkipped() {
    Dataset<Row> latest =
        BatchDeduper.latestPerKey(
            new BronzeFixtures().add("a", 1.0, 10, 1).toDataset(spark), KEYS, SEQUENCE_BY);
    Transactions.runOnce(
        spark,
        "test-app",
        7,
        () -> Scd1Merge.merge(spark, gold, GoldRows.of(latest, FIELDS), KEYS));
    long version = gold.deltaTable(spark).history(1).head().getLong(0);

    Dataset<Row> newer =
        BatchDeduper.latestPerKey(
            new BronzeFixtures().add("a", 9.0, 90, 2).toDataset(spark), KEYS, SEQUENCE_BY);
    Transactions.runOnce(
        spark, "test-app", 7, () -> Scd1Merge.merge(spark, gold, GoldRows.of(newer, FIELDS), KEYS));

    assertThat(gold.deltaTable(spark).history(1).head().getLong(0)).isEqualTo(version);
    assertThat(goldRows()).extracting(r -> (Object) r.getAs("value")).containsExactly(1.0);
    assertThat(spark.conf().getOption("spark.databricks.delta.write.txnAppId").isDefined())
        .isFalse();
  }
}
