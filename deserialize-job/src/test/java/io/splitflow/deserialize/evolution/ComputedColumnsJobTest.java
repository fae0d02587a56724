package io.splitflow.deserialize.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.TableLayer;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deserialize-job, as in production, with computed columns: they land in bronze beside the decoded
 * fields (and before the kept unknown fields), a rule can name them, a record a column fails on is
 * a dead letter, and a bad expression stops the job before it creates a table. (In this package for
 * its {@link Lake}.)
 */
class ComputedColumnsJobTest {
  private static final String ORDERS =
      """
          unknown-fields: keep
          fields:
            - { name: id, type: long, required: true }
            - { name: status, type: string }
            - { name: updated_at, type: timestamp, required: true }
          columns:
            - { name: order_date, type: date, expr: "to_date(updated_at)", required: true }
            - { name: code, type: int, expr: "cast(status as int)" }
            - { name: position, type: long, expr: "_kafka.offset" }
          rules:
            - { name: this_year, expr: "year(order_date) = 2026" }
          merge: { keys: id, sequence-by: updated_at }
      """;

  @TempDir Path dir;

  @Test
  void computedColumnsLandInBronzeAndRulesSeeThem() throws Exception {
    Lake lake = new Lake(dir, ORDERS);
    lake.produce(
        "{\"id\":1,\"status\":\"7\",\"updated_at\":\"2026-11-27T12:00:00Z\",\"note\":\"hi\"}",
        "{\"id\":2,\"status\":\"x\",\"updated_at\":\"2026-11-27T12:00:00Z\"}",
        "{\"id\":3,\"status\":\"8\",\"updated_at\":\"2025-11-27T12:00:00Z\"}");
    lake.deserialize();

    assertThat(
            lake.bronze()
                .selectExpr("id", "order_date", "code", "position", "_extra:note::string")
                .collectAsList())
        .containsExactly(RowFactory.create(1L, Date.valueOf("2026-11-27"), 7, 0L, "hi"));
    assertThat(List.of(lake.bronze().columns()).subList(0, 6))
        .containsExactly("id", "status", "updated_at", "order_date", "code", "position");
    List<Row> deadLetters =
        lake.deadLetters()
            .selectExpr("offset", "stage", "error_class", "failed_rules")
            .orderBy("offset")
            .collectAsList();
    assertThat(deadLetters).hasSize(2);
    assertThat(deadLetters.get(0).<Object>getAs("error_class")).isEqualTo("COLUMN_FAILED");
    assertThat(deadLetters.get(1).getLong(0)).isEqualTo(2L);
    assertThat(deadLetters.get(1).getList(3)).containsExactly("this_year");
  }

  @Test
  void aBadExpressionStopsTheJobBeforeItCreatesATable() {
    Lake lake = new Lake(dir, ORDERS.replace("to_date(updated_at)", "to_date(updatedat)"));
    lake.produce("{\"id\":1,\"updated_at\":\"2026-11-27T12:00:00Z\"}");

    assertThatThrownBy(lake::deserialize)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "datasets.d.columns[0].expr: 'to_date(updatedat)' (column order_date) names an"
                + " unknown column: updatedat; did you mean updated_at?");
    SparkSession spark = SparkSession.active();
    assertThat(lake.table(TableLayer.BRONZE).exists(spark)).isFalse();
    assertThat(lake.table(TableLayer.DEAD_LETTER).exists(spark)).isFalse();
  }
}
