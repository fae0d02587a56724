package io.splitflow.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
  private final RestartPolicy policy =
      new RestartPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(25));

  @Test
  void backoffDoublesUpToItsCeiling() {
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(25));
    assertThat(policy.backoff(30)).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void restartsUntilTheBudgetIsSpent() {
    RuntimeException transientFailure = new IllegalStateException("broker unreachable");
    assertThat(policy.shouldRestart(1, transientFailure)).isTrue();
    assertThat(policy.shouldRestart(3, transientFailure)).isTrue();
    assertThat(policy.shouldRestart(4, transientFailure)).isFalse();
    assertThat(RestartPolicy.NEVER.shouldRestart(1, transientFailure)).isFalse();
  }

  @Test
  void aPermanentFailureAnywhereInTheCausesIsNotRestarted() {
    class Budget extends RuntimeException implements PermanentFailure {}
    assertThat(policy.shouldRestart(1, new RuntimeException("batch failed", new Budget())))
        .isFalse();
  }
}
