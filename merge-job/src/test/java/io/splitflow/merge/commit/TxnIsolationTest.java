package io.splitflow.merge.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two merge queries of one application share the session, whose Delta txn confs are global: each
 * gold must still record only its own (appId, batchId), and each batch's commit its own marker.
 */
class TxnIsolationTest {
  private static final int BATCHES = 3;
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  @Test
  void twoConcurrentQueriesNeverTakeEachOthersTransactions() throws Exception {
    MergeHarness first =
        new MergeHarness(spark, dir.resolve("one"), MergeHarness.spec(MergeMode.SCD1))
            .withAppId("app-one");
    MergeHarness second =
        new MergeHarness(spark, dir.resolve("two"), MergeHarness.spec(MergeMode.SCD2))
            .withAppId("app-two");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (MergeHarness h : List.of(first, second)) {
        runs.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < BATCHES; b++) {
                    h.merge(new BronzeFixtures().add("k" + b, (double) b, 10 + b, b));
                  }
                }));
      }
      for (Future<?> run : runs) {
        run.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    for (MergeHarness h : List.of(first, second)) {
      String app = h == first ? "app-one" : "app-two";
      List<String> expected = List.of(app + "/0", app + "/1", app + "/2");
      assertThat(MergeHarness.transactions(spark, h.gold)).as("gold txns").isEqualTo(expected);
      assertThat(MergeHarness.transactions(spark, h.events)).as("events txns").isEqualTo(expected);
      List<String> markers =
          h.gold
              .deltaTable(spark)
              .history()
              .where("operation IN ('MERGE', 'WRITE')") // a batch of new keys is appended
              .orderBy("version")
              .selectExpr(
                  "concat(get_json_object(userMetadata, '$.splitflow_app_id'), '/',"
                      + " get_json_object(userMetadata, '$.batch_id'))")
              .as(org.apache.spark.sql.Encoders.STRING())
              .collectAsList();
      assertThat(markers).as("commit markers").isEqualTo(expected);
      assertThat(h.goldRows()).hasSize(BATCHES);
    }
    assertThat(spark.conf().getOption("spark.databricks.delta.write.txnAppId").isDefined())
        .isFalse();
    assertThat(spark.conf().getOption(SessionConfs.USER_METADATA).isDefined()).isFalse();
  }
}
