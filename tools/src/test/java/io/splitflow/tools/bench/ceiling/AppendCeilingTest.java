package io.splitflow.tools.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.tools.bench.Measurement;
import io.splitflow.tools.bench.Meter;
import io.splitflow.tools.bench.Stages;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendCeilingTest {
  private final SparkSession spark = SparkTestSession.get();

  @TempDir Path dir;

  @Test
  void appendsEveryRowAndReportsTheFilesItsCommitWrote() throws Exception {
    String target = dir.resolve("l3").toString();
    Dataset<Row> rows =
        spark
            .range(1_000)
            .selectExpr(
                "format_string('sensor-%05d', id % 100) AS sensor_id",
                "date_add(DATE'2026-11-25', CAST(id % 3 AS INT)) AS reading_date",
                "CAST(id AS DOUBLE) / 10 AS value",
                "'C' AS unit",
                "timestamp_millis(1764050400000 + id) AS event_time");

    Measurement l3 =
        AppendCeiling.measure(Meter.local(), spark, rows, target, Stages.L3_APPEND_BRONZE);

    assertThat(l3.name()).isEqualTo(Stages.L3_APPEND_BRONZE);
    assertThat(l3.records()).isEqualTo(1_000);
    assertThat(spark.read().format("delta").load(target).count()).isEqualTo(1_000);
    assertThat(l3.details())
        .containsEntry("target path", target)
        .containsEntry("delta version", 0L);
    assertThat((Long) l3.details().get("output files")).isPositive();
    assertThat((Long) l3.details().get("bytes written")).isPositive();
    assertThat(rows.storageLevel().useMemory()).as("unpersisted").isFalse();
  }
}
