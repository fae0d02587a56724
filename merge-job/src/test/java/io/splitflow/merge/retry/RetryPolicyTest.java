package io.splitflow.merge.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.exceptions.ConcurrentAppendException;
import io.splitflow.common.table.TableRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = RetryPolicy.of(3, Duration.ofMillis(100));
  private final TableRef gold = TableRef.atPath("/lake/gold/readings");

  private static RuntimeException conflict() {
    return new RuntimeException(
        "batch failed", new ConcurrentAppendException("Files were added to the partition"));
  }

  @Test
  void onlyDeltaConcurrencyConflictsAreRetried() {
    assertThat(policy.retriable(conflict())).isTrue();
    assertThat(policy.retriable(new IllegalStateException("bad data"))).isFalse();
  }

  @Test
  void backoffDoublesUpToItsCap() {
    assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(9)))
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800));
  }

  @Test
  void conflictIsRetriedAfterTheBackoffUntilAnAttemptSucceeds() {
    List<Duration> waits = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();

    ConflictRetry.Attempted<String> result =
        ConflictRetry.run(
            policy,
            gold,
            7,
            waits::add,
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw conflict();
              }
              return "merged";
            });

    assertThat(result).isEqualTo(new ConflictRetry.Attempted<>("merged", 3));
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void afterTheLastAttemptTheErrorNamesTheTableTheBatchAndTheAttempts() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                ConflictRetry.run(
                    policy,
                    gold,
                    7,
                    d -> {},
                    () -> {
                      calls.incrementAndGet();
                      throw conflict();
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "gold table /lake/gold/readings: batch 7 failed 3 attempt(s) on concurrent Delta"
                + " writes (ConcurrentAppendException)")
        .hasMessageContaining("spark.splitflow.merge.maxAttempts")
        .hasRootCauseInstanceOf(ConcurrentAppendException.class);
    assertThat(calls).hasValue(3);
  }

  @Test
  void otherFailuresAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                ConflictRetry.run(
                    policy,
                    gold,
                    7,
                    d -> {},
                    () -> {
                      calls.incrementAndGet();
                      throw new IllegalStateException("bad data");
                    }))
        .hasMessage("bad data");
    assertThat(calls).hasValue(1);
  }
}
