package io.splitflow.common.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends keyed by (app id, version) without Delta's per-write state rebuild: each lands once,
 * whether the repeat comes from this JVM, from a new one (nothing known) or from another writer of
 * the same app id (learnt from the commits in between), and the commit carries the SetTransaction
 * Delta's own write options would.
 */
class IdempotentAppendTest {
  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.LongType).add("label", DataTypes.StringType);

  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;
  private String path;

  @BeforeEach
  void table() {
    path = dir.resolve("t").toString();
    TableInitializer.ensure(spark, TableRef.atPath(path), SCHEMA, null, Map.of());
    IdempotentAppend.forget();
  }

  @Test
  void aVersionAppendedTwiceInOneJvmLandsOnce() {
    assertThat(IdempotentAppend.append(rows(1, 2), path, "app", 0, Map.of())).isTrue();
    assertThat(IdempotentAppend.append(rows(3), path, "app", 1, Map.of())).isTrue();
    assertThat(IdempotentAppend.append(rows(3), path, "app", 1, Map.of())).isFalse();
    assertThat(IdempotentAppend.append(rows(1, 2), path, "app", 0, Map.of())).isFalse();

    assertThat(count()).isEqualTo(3);
    DeltaLog log = DeltaLog.forTable(spark, path);
    long latest = DeltaCommits.latestVersion(log);
    assertThat(DeltaCommits.read(log, latest).orElseThrow().txnVersion("app")).contains(1L);
    // what Delta's own check (and Kernel's getLatestTransactionVersion) reads
    IdempotentAppend.forget();
    assertThat(IdempotentAppend.append(rows(3), path, "app", 1, Map.of())).isFalse();
  }

  @Test
  void aNewJvmAsksDeltaOnceAndSkipsWhatLanded() {
    IdempotentAppend.append(rows(1), path, "app", 7, Map.of());
    IdempotentAppend.forget();

    assertThat(IdempotentAppend.append(rows(1), path, "app", 7, Map.of())).isFalse();
    assertThat(IdempotentAppend.append(rows(2), path, "app", 8, Map.of())).isTrue();
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void aCommitOfTheSameAppIdByAnotherWriterIsSeenInTheCommitsSince() {
    IdempotentAppend.append(rows(1), path, "app", 0, Map.of());
    // another writer commits version 1 of the same app id with Delta's own write options, and an
    // unrelated commit follows
    rows(2)
        .write()
        .format("delta")
        .mode("append")
        .option("txnAppId", "app")
        .option("txnVersion", 1)
        .save(path);
    rows(3).write().format("delta").mode("append").save(path);

    assertThat(IdempotentAppend.append(rows(2), path, "app", 1, Map.of())).isFalse();
    assertThat(IdempotentAppend.append(rows(4), path, "app", 2, Map.of())).isTrue();
    assertThat(count()).isEqualTo(4);
  }

  @Test
  void anAppendOfRowsReadAtAVersionLandsOnlyOnThatVersionAndOnce() {
    IdempotentAppend.append(rows(1), path, "other", 0, Map.of());
    long read = DeltaCommits.latestVersion(DeltaLog.forTable(spark, path));

    assertThat(IdempotentAppend.appendIfUnchanged(rows(2), path, "app", 0, Map.of(), read))
        .isEqualTo(IdempotentAppend.Outcome.WRITTEN);
    assertThat(IdempotentAppend.appendIfUnchanged(rows(2), path, "app", 0, Map.of(), read))
        .isEqualTo(IdempotentAppend.Outcome.ALREADY_COMMITTED);
    // the table moved past the version the rows were computed from: nothing is written
    assertThat(IdempotentAppend.appendIfUnchanged(rows(3), path, "app", 1, Map.of(), read))
        .isEqualTo(IdempotentAppend.Outcome.TABLE_MOVED);
    assertThat(count()).isEqualTo(2);
    TableRef table = TableRef.atPath(path);
    assertThat(Transactions.knownVersion(spark, table)).hasValue(read + 1);
    assertThat(Transactions.appendOnceIfUnchanged(rows(3), table, "app", 1, Map.of(), read))
        .isFalse();
    assertThat(Transactions.appendOnceIfUnchanged(rows(3), table, "app", 1, Map.of(), read + 1))
        .isTrue();
    assertThat(Transactions.knownVersion(spark, TableRef.named("some_table"))).isEmpty();
    assertThat(
            Transactions.appendOnceIfUnchanged(
                rows(4), TableRef.named("some_table"), "app", 2, Map.of(), 0))
        .isFalse();
    assertThat(count()).isEqualTo(3);
  }

  @Test
  void appIdsAreKeptApart() {
    IdempotentAppend.append(rows(1), path, "a", 5, Map.of());
    assertThat(IdempotentAppend.append(rows(2), path, "b", 5, Map.of())).isTrue();
    assertThat(IdempotentAppend.append(rows(3), path, "a", 5, Map.of())).isFalse();
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void writeOptionsApply_userMetadataAndSchemaMerge() {
    StructType wider = SCHEMA.add("extra", DataTypes.DoubleType);
    IdempotentAppend.append(
        spark.createDataFrame(List.of(RowFactory.create(9L, "x", 1.5)), wider),
        path,
        "app",
        0,
        Map.of(Transactions.MERGE_SCHEMA, "true", Transactions.USER_METADATA, "{\"n\":1}"));

    DeltaLog log = DeltaLog.forTable(spark, path);
    DeltaCommits.Commit commit =
        DeltaCommits.read(log, DeltaCommits.latestVersion(log)).orElseThrow();
    assertThat(commit.userMetadata()).contains("{\"n\":1}");
    assertThat(commit.operationMetrics()).containsEntry("numOutputRows", "1");
    assertThat(spark.read().format("delta").load(path).columns()).contains("extra");
  }

  private Dataset<Row> rows(long... ids) {
    List<Row> rows = new ArrayList<>();
    for (long id : ids) {
      rows.add(RowFactory.create(id, "r" + id));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private long count() {
    return spark.read().format("delta").load(path).count();
  }
}
