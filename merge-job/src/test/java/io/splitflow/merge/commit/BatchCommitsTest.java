package io.splitflow.merge.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.metrics.BatchCounts;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a batch's gold commit from the commits' own JSON, newest first. */
class BatchCommitsTest {
  @TempDir Path dir;

  @Test
  void findsABatchsCommitBehindNewerOnesWithItsCountsAndDeltaMetrics() {
    MergeHarness h =
        new MergeHarness(SparkTestSession.get(), dir, MergeHarness.spec(MergeMode.SCD1));
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1).add("b", 2.0, 10, 2));
    long first = h.goldVersion();
    h.merge(new BronzeFixtures().add("a", 1.5, 20, 3));

    Optional<BatchCommits.Commit> commit =
        BatchCommits.find(h.spark, h.gold, MergeHarness.APP_ID, 0);

    assertThat(commit).isPresent();
    assertThat(commit.get().version()).isEqualTo(first);
    assertThat(commit.get().counts()).isEqualTo(new BatchCounts(2, 2, 0, 0, 0, 0, 0, 0));
    // new keys only: the batch was appended, and Delta's metrics are its WRITE's
    assertThat(commit.get().operationMetrics()).containsEntry("numOutputRows", "2");
    assertThat(BatchCommits.find(h.spark, h.gold, MergeHarness.APP_ID, 7)).isEmpty();
    assertThat(BatchCommits.find(h.spark, h.gold, "another-app", 0)).isEmpty();
    assertThat(BatchCommits.latestVersion(h.spark, h.gold)).isEqualTo(first + 1);
  }

  @Test
  void theMergeLeavesTheSessionsMaterializeSourceConfAsItFoundIt() {
    MergeHarness h =
        new MergeHarness(SparkTestSession.get(), dir, MergeHarness.spec(MergeMode.SCD1));
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1));

    assertThat(h.spark.conf().getAll().contains(SessionConfs.MATERIALIZE_SOURCE)).isFalse();
  }
}
