package io.splitflow.common.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableRefTest {
  @Test
  void aBacktickInAPathCannotEndTheSqlIdentifier() {
    assertThat(TableRef.atPath("/lake/a`b").sqlName()).isEqualTo("delta.`/lake/a``b`");
    assertThat(TableRef.atPath("/lake/gold").sqlName()).isEqualTo("delta.`/lake/gold`");
  }
}
