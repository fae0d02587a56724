package io.splitflow.common.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Delta's snapshot partitions follow the application's cores (at most 8) unless the user set them:
 * Delta's 50 made every write on two cores run 50 tasks to rebuild a table's state.
 */
class SnapshotPartitionsTest {
  @Test
  void followTheCoresUpToEight() {
    assertThat(SparkSessions.snapshotPartitions(0)).isEqualTo(1);
    assertThat(SparkSessions.snapshotPartitions(2)).isEqualTo(2);
    assertThat(SparkSessions.snapshotPartitions(8)).isEqualTo(8);
    assertThat(SparkSessions.snapshotPartitions(200)).isEqualTo(8);
  }

  @Test
  void aValueTheUserSetIsKept_anUnsetOneIsSized() {
    SparkSession spark = SparkTestSession.get().newSession();
    spark.conf().set(SparkSessions.SNAPSHOT_PARTITIONS, "5");
    SparkSessions.sizeSnapshotPartitions(spark);
    assertThat(spark.conf().get(SparkSessions.SNAPSHOT_PARTITIONS)).isEqualTo("5");

    spark.conf().unset(SparkSessions.SNAPSHOT_PARTITIONS);
    SparkSessions.sizeSnapshotPartitions(spark);
    assertThat(spark.conf().get(SparkSessions.SNAPSHOT_PARTITIONS))
        .isEqualTo(
            Integer.toString(
                SparkSessions.snapshotPartitions(spark.sparkContext().defaultParallelism())));
  }
}
