package io.splitflow.tools.bench.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.tools.bench.ScalingPoint;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MergeCostTest {
  private static final SensorGrid GRID = new SensorGrid(100, LocalDate.of(2026, 1, 1));
  private static final long GOLD_ROWS = 2_000;
  private static final double UPDATE_SHARE = 0.1;

  private final SparkSession spark = SparkTestSession.get();

  @TempDir Path dir;

  @ParameterizedTest(name = "deletion vectors {0}")
  @ValueSource(booleans = {false, true})
  void mergeChangesWhatTheBatchSaysAndRestorePutsGoldBack(boolean deletionVectors) {
    BenchLake lake = BenchLake.create(spark, dir, deletionVectors);
    long base = GoldFill.write(spark, lake, GRID, GOLD_ROWS);
    assertThat(goldRows(lake)).isEqualTo(GOLD_ROWS);

    // 200 rows: 20 updates on the newest day (50 updated per day), 180 inserts over 2 new days
    ScalingPoint small = measure(lake, 200, 0);
    assertThat(small.rowsUpdated()).isEqualTo(20);
    assertThat(small.rowsInserted()).isEqualTo(180);
    assertThat(small.partitionsTouched()).isEqualTo(3);
    assertThat(goldRows(lake)).isEqualTo(GOLD_ROWS + 180);
    lake.restoreGold(base);
    assertThat(goldRows(lake)).isEqualTo(GOLD_ROWS);

    // 1,000 rows: 100 updates over the 2 newest days, 900 inserts over 9 new days
    ScalingPoint large = measure(lake, 1_000, 1);
    assertThat(large.rowsUpdated()).isEqualTo(100);
    assertThat(large.rowsInserted()).isEqualTo(900);
    assertThat(large.partitionsTouched()).isEqualTo(11);
    assertThat(goldRows(lake)).isEqualTo(GOLD_ROWS + 900);
    lake.restoreGold(base);
    assertThat(goldRows(lake)).isEqualTo(GOLD_ROWS);

    for (ScalingPoint p : List.of(small, large)) {
      assertThat(p.mergeSeconds()).isPositive();
      assertThat(p.appendSeconds()).isPositive();
      assertThat(p.deletionVectors()).isEqualTo(deletionVectors);
    }
    if (deletionVectors) {
      assertThat(small.rowsCopied()).isZero();
      assertThat(large.rowsCopied()).isZero();
    } else {
      // a day is one file of 100 rows: what the batch does not update is copied
      assertThat(small.rowsCopied()).isEqualTo(100 - 20);
      assertThat(large.rowsCopied()).isEqualTo(200 - 100);
    }
  }

  private ScalingPoint measure(BenchLake lake, long batchRows, long batchId) {
    return MergeCost.measure(
        spark, lake, GRID, GOLD_ROWS, batchRows, UPDATE_SHARE, batchId, s -> {});
  }

  private long goldRows(BenchLake lake) {
    Row count = lake.gold().read(spark).selectExpr("count(*)").first();
    return count.getLong(0);
  }
}
