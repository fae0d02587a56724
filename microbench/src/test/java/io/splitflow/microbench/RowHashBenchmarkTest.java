package io.splitflow.microbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.merge.scd1.GoldRows;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The row hash benchmark computes the very hashes the merge job writes to gold. */
class RowHashBenchmarkTest {
  private static final RowHashBenchmark BENCH = new RowHashBenchmark();

  @BeforeAll
  static void setUp() {
    BENCH.setUp();
  }

  @AfterAll
  static void tearDown() {
    BENCH.tearDown();
  }

  @Test
  void hashesAreThoseOfGoldRowsRowHashInASparkSelect() {
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < BENCH.rows().size(); i++) {
      hashes.add(BENCH.rowHash().toString());
    }
    List<String> expected =
        SparkSession.active()
            .createDataFrame(BENCH.rows(), BENCH.schema())
            .select(GoldRows.rowHash(BENCH.fields()))
            .as(Encoders.STRING())
            .collectAsList();

    assertThat(hashes).hasSizeGreaterThan(9_000).allMatch(h -> h.matches("[0-9a-f]{64}"));
    assertThat(hashes).isEqualTo(expected);
    // distinct readings, distinct hashes: the hash sees every column
    assertThat(hashes.stream().distinct().count()).isGreaterThan(9_000L);
  }
}
