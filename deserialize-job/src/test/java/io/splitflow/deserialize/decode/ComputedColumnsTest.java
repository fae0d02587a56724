package io.splitflow.deserialize.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.splitflow.common.config.ConfigException;
import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.deserialize.evolution.DecodePlanners;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Computed columns compile at start, with errors naming their key, and are evaluated record by
 * record in the decode UDF: a column that fails on one record dead-letters that record only.
 */
class ComputedColumnsTest {
  private final SparkSession spark = SparkTestSession.get();

  private static final String YAML =
      """
      kafka: { bootstrap-servers: "localhost:9092" }
      lake: { root: /tmp/lake }
      datasets:
        orders:
          topic: t
          fields:
            - { name: id, type: string, required: true }
            - { name: status, type: string }
            - { name: updated_at, type: timestamp, required: true }
            - name: customer
              type: "struct<name: string, address: struct<city: string>>"
          columns:
      %s
          merge: { keys: id, sequence-by: updated_at }
      """;

  private static DatasetConfig dataset(String... columns) {
    StringBuilder list = new StringBuilder();
    for (String column : columns) {
      list.append("      - ").append(column).append('\n');
    }
    return ConfigLoader.parse(YAML.formatted(list), List.of(), Map.of()).dataset("orders");
  }

  private void assertRefused(String column, String message) {
    assertThatThrownBy(() -> ColumnCompiler.compile(spark, dataset(column)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void badExpressionsStopTheJobNamingTheirKey() {
    assertRefused(
        "{ name: d, type: date, expr: \"to_date(updatd_at)\" }",
        "datasets.orders.columns[0].expr: 'to_date(updatd_at)' (column d) names an unknown"
            + " column: updatd_at; did you mean updated_at? (a column sees the decoded fields and"
            + " _kafka)");
    assertRefused(
        "{ name: p, type: int, expr: \"_kafka.partiton\" }",
        "datasets.orders.columns[0].expr: '_kafka.partiton' (column p) names an unknown struct"
            + " field: partiton; the struct has key, topic, partition, offset, timestamp,"
            + " headers");
    assertThatThrownBy(
            () -> ColumnCompiler.compile(spark, dataset("{ name: d, type: date, expr: \"id +\" }")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "datasets.orders.columns[0].expr: 'id +' (column d) does not parse: ");
    assertRefused(
        "{ name: d, type: date, expr: \"id = 'a'\" }",
        "datasets.orders.columns[0].expr: 'id = 'a'' (column d) is of type boolean, which cannot"
            + " be cast to the declared type date; convert it in the expression or declare another"
            + " type");
    assertRefused(
        "{ name: n, type: long, expr: \"count(id)\" }",
        "datasets.orders.columns[0].expr: 'count(id)' (column n) is not computed from one record"
            + " (an aggregate, generator or window function); a column is a function of its"
            + " record");
    assertRefused(
        "{ name: s, type: string, expr: \"explode(array(id, status))\" }",
        "datasets.orders.columns[0].expr: 'explode(array(id, status))' (column s) is not computed"
            + " from one record (an aggregate, generator or window function); a column is a"
            + " function of its record");
    assertRefused(
        "{ name: r, type: double, expr: \"rand()\" }",
        "datasets.orders.columns[0].expr: 'rand()' (column r) is not deterministic; a column must"
            + " give the same value each time its record is decoded (replay)");
  }

  @Test
  void columnsAreComputedFromTheRecordAndItsKafkaMetadata() {
    DatasetConfig dataset =
        dataset(
            "{ name: order_date, type: date, expr: \"to_date(updated_at)\", required: true }",
            "{ name: city, type: string, expr: \"customer.address.city\" }",
            "{ name: trace_id, type: string, expr: \"cast(element_at(map_from_entries("
                + "_kafka.headers), 'trace-id') as string)\" }",
            "{ name: part, type: long, expr: \"_kafka.partition\" }",
            "{ name: kafka_key, type: string, expr: \"cast(_kafka.key as string)\" }");
    BatchDecoder batch = DecodePlanners.forDataset(spark, dataset, false).plan(null).decoder();
    Dataset<Row> raw =
        spark.createDataFrame(
            List.of(
                raw(
                    3,
                    "k1",
                    "{\"id\":\"a\",\"updated_at\":\"2026-11-27T12:00:00Z\","
                        + "\"customer\":{\"name\":\"Ada\",\"address\":{\"city\":\"Paris\"}}}",
                    List.of(header("trace-id", "abc"), header("other", "x"))),
                raw(4, null, "{\"id\":\"b\",\"updated_at\":\"2026-11-28T12:00:00Z\"}", List.of())),
            TableSchemas.raw());
    Dataset<Row> decoded = batch.decode(raw).cache();

    List<Row> rows =
        batch
            .decodedRows(decoded)
            .selectExpr("id", "order_date", "city", "trace_id", "part", "kafka_key")
            .orderBy("id")
            .collectAsList();

    assertThat(rows)
        .containsExactly(
            RowFactory.create("a", Date.valueOf("2026-11-27"), "Paris", "abc", 2L, "k1"),
            RowFactory.create("b", Date.valueOf("2026-11-28"), null, null, 2L, null));
    assertThat(batch.failures(decoded, "test").count()).isZero();
  }

  @Test
  void aColumnThatFailsOnOneRecordDeadLettersThatRecordOnly() {
    DatasetConfig dataset =
        dataset(
            "{ name: code, type: int, expr: \"cast(status as int)\" }",
            "{ name: city, type: string, expr: \"customer.address.city\", required: true }");
    BatchDecoder batch = DecodePlanners.forDataset(spark, dataset, false).plan(null).decoder();
    String customer =
        ",\"updated_at\":\"2026-11-27T12:00:00Z\",\"customer\":{\"address\":{\"city\":\"Oslo\"}}";
    Dataset<Row> raw =
        spark.createDataFrame(
            List.of(
                raw(1, null, "{\"id\":\"a\",\"status\":\"7\"" + customer + "}", List.of()),
                raw(2, null, "{\"id\":\"b\",\"status\":\"x\"" + customer + "}", List.of()),
                raw(
                    3,
                    null,
                    "{\"id\":\"c\",\"status\":\"8\",\"updated_at\":\"2026-11-27T12:00:00Z\"}",
                    List.of()),
                raw(4, "c", null, List.of())),
            TableSchemas.raw());
    Dataset<Row> decoded = batch.decode(raw).cache();

    assertThat(
            batch
                .decodedRows(decoded)
                .selectExpr("id", "code", "city", "_deleted")
                .orderBy("_deleted")
                .collectAsList())
        .containsExactly(
            RowFactory.create("a", 7, "Oslo", false), RowFactory.create(null, null, null, true));
    List<Row> failures =
        batch
            .failures(decoded, "test")
            .selectExpr("offset", "error_class", "error_message")
            .orderBy("offset")
            .collectAsList();
    assertThat(failures).hasSize(2);
    assertThat(failures.get(0).getString(1)).isEqualTo("COLUMN_FAILED");
    assertThat(failures.get(0).getString(2))
        .startsWith("column 'code': [CAST_INVALID_INPUT] The value 'x' of the type \"STRING\"");
    assertThat(failures.get(1))
        .isEqualTo(RowFactory.create(3L, "MISSING_FIELD", "computed column 'city' is null"));
  }

  private static Row header(String key, String value) {
    return RowFactory.create(key, value.getBytes(StandardCharsets.UTF_8));
  }

  private static Row raw(long offset, String key, String value, List<Row> headers) {
    Timestamp t = Timestamp.valueOf("2026-11-27 00:00:00");
    return RowFactory.create(
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8),
        "t",
        2,
        offset,
        t,
        0,
        headers,
        t,
        Date.valueOf("2026-11-27"));
  }
}
