package io.splitflow.merge.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import io.splitflow.common.config.MergeMode;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.MergeTuning;
import io.splitflow.merge.metrics.MergeEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.execution.command.RunnableCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A real conflict, made deterministic: an optimizer rule fires on the first query Delta plans
 * inside the MERGE (after the MERGE took its snapshot; the txn confs are set only then) and
 * compacts gold from another session, so the MERGE's commit meets files removed under it.
 */
class ConcurrentOptimizeRetryTest {
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  /**
   * Runs a write on gold once per MERGE attempt, for the next {@code times} attempts. The txn confs
   * are set only while a MERGE runs, so they mark an attempt; the write itself runs on a helper
   * thread, whose own planning the rule ignores.
   */
  static final class WriteDuringMerge extends Rule<LogicalPlan> {
    private static final ThreadLocal<Boolean> HELPER = ThreadLocal.withInitial(() -> false);
    private final java.util.function.Consumer<SparkSession> write;
    private final AtomicInteger remaining;
    private final java.util.concurrent.atomic.AtomicBoolean firedThisAttempt =
        new java.util.concurrent.atomic.AtomicBoolean();
    final AtomicInteger fired = new AtomicInteger();

    WriteDuringMerge(java.util.function.Consumer<SparkSession> write, int times) {
      this.write = write;
      this.remaining = new AtomicInteger(times);
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
      if (HELPER.get()) {
        return plan;
      }
      SparkSession active = SparkSession.active();
      if (active.conf().getOption("spark.databricks.delta.write.txnAppId").isEmpty()) {
        firedThisAttempt.set(false);
        return plan;
      }
      if (!(plan instanceof RunnableCommand)
          && firedThisAttempt.compareAndSet(false, true)
          && remaining.getAndDecrement() > 0) {
        SparkSession other = active.newSession(); // without this session's txn confs
        CompletableFuture.runAsync(
                () -> {
                  HELPER.set(true);
                  try {
                    write.accept(other);
                  } finally {
                    HELPER.set(false);
                  }
                })
            .join();
        fired.incrementAndGet();
      }
      return plan;
    }
  }

  private MergeHarness goldWithTwoFiles(MergeSpec spec) {
    MergeHarness h = new MergeHarness(spark, dir, spec);
    h.merge(new BronzeFixtures().add("a", 1.0, 10, 1));
    h.merge(new BronzeFixtures().add("b", 1.0, 10, 2));
    return h;
  }

  private WriteDuringMerge install(java.util.function.Consumer<SparkSession> write, int times) {
    WriteDuringMerge rule = new WriteDuringMerge(write, times);
    spark
        .experimental()
        .extraOptimizations_$eq(
            CollectionConverters.asScala(java.util.List.<Rule<LogicalPlan>>of(rule)).toSeq());
    return rule;
  }

  @AfterEach
  void removeRule() {
    spark
        .experimental()
        .extraOptimizations_$eq(
            CollectionConverters.asScala(java.util.List.<Rule<LogicalPlan>>of()).toSeq());
  }

  @Test
  void mergeThatLosesToAConcurrentOptimizeIsRetriedAndLandsOnce() {
    MergeHarness h = goldWithTwoFiles(MergeHarness.spec(MergeMode.SCD1));
    WriteDuringMerge rule =
        install(
            other -> DeltaTable.forPath(other, h.gold.path()).optimize().executeCompaction(), 1);

    MergeEvent event = h.merge(new BronzeFixtures().add("a", 2.0, 20, 3));

    assertThat(rule.fired).hasValue(1);
    assertThat(event.attempts()).isEqualTo(2);
    assertThat(h.goldRows())
        .extracting(r -> r.getAs("id") + "=" + r.getAs("value"))
        .containsExactly("a=2.0", "b=1.0");
    assertThat(h.gold.deltaTable(spark).history().where("operation = 'OPTIMIZE'").count())
        .isEqualTo(1);
  }

  @Test
  void conflictOnEveryAttemptFailsNamingTheTableAndTheAttempts() {
    MergeSpec spec = MergeHarness.spec(MergeMode.SCD2);
    MergeHarness h =
        goldWithTwoFiles(spec.withTuning(new MergeTuning(100_000, 2, Duration.ofMillis(10))));
    // rewrites b's file every time: each attempt meets a file removed under it
    install(
        other ->
            DeltaTable.forPath(other, h.gold.path())
                .updateExpr("id = 'b'", java.util.Map.of("value", "value + 0")),
        10);

    assertThatThrownBy(
            () -> h.merge(new BronzeFixtures().add("a", 2.0, 20, 3).add("b", 2.0, 20, 4)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("gold table " + h.gold + ": batch 2 failed 2 attempt(s)");
  }
}
