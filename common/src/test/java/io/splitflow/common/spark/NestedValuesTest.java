package io.splitflow.common.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.junit.jupiter.api.Test;

/** {@link NestedValues} on plain DataFrames. */
class NestedValuesTest {
  private final SparkSession spark = SparkTestSession.get();

  private static DataType typeOf(Dataset<Row> rows, String column) {
    return rows.schema().apply(column).dataType();
  }

  @Test
  void mapsInAnotherOrderAreEqualOnceComparable() {
    Dataset<Row> rows =
        spark.sql(
            "SELECT named_struct('tags', map('b', map('y', 1, 'x', 2), 'a', NULL)) AS l,"
                + " named_struct('tags', map('a', NULL, 'b', map('x', 2, 'y', 1))) AS r,"
                + " named_struct('tags', map('a', NULL, 'b', map('x', 2, 'y', 3))) AS other");
    DataType type = typeOf(rows, "l");

    Row row =
        rows.select(
                NestedValues.comparable(col("l"), type)
                    .eqNullSafe(NestedValues.comparable(col("r"), type)),
                NestedValues.comparable(col("l"), type)
                    .eqNullSafe(NestedValues.comparable(col("other"), type)))
            .first();

    assertThat(row.getBoolean(0)).isTrue();
    assertThat(row.getBoolean(1)).isFalse();
  }

  @Test
  void canonicalKeepsTheTypeAndNullsAndOrdersTheKeys() {
    Dataset<Row> rows =
        spark.sql(
            "SELECT 1 AS row, named_struct('id', 1, 'tags', map('b', '2', 'a', '1')) AS c"
                + " UNION ALL SELECT 2, NULL"
                + " UNION ALL SELECT 3, named_struct('id', 3, 'tags', NULL)");
    DataType type = typeOf(rows, "c");

    Dataset<Row> canonical =
        rows.select(col("row"), NestedValues.canonical(col("c"), type).as("c"));

    assertThat(typeOf(canonical, "c").sameType(type)).isTrue();
    assertThat(
            canonical
                .orderBy("row")
                .select(to_json(col("c")))
                .as(Encoders.STRING())
                .collectAsList())
        .containsExactly("{\"id\":1,\"tags\":{\"a\":\"1\",\"b\":\"2\"}}", null, "{\"id\":3}");
  }

  @Test
  void conformedAddsMissingStructFieldsAsNullAtAnyDepth() {
    Dataset<Row> old =
        spark.sql(
            "SELECT 1 AS row, named_struct('id', 1, 'items', array(named_struct('sku', 'x'))) AS c"
                + " UNION ALL SELECT 2, NULL");
    Dataset<Row> wider =
        spark.sql(
            "SELECT named_struct('id', 1, 'tier', 'gold',"
                + " 'items', array(named_struct('sku', 'x', 'qty', 2))) AS c");
    DataType to = typeOf(wider, "c");

    Dataset<Row> conformed =
        old.select(col("row"), NestedValues.conformed(col("c"), typeOf(old, "c"), to).as("c"));

    assertThat(typeOf(conformed, "c").sameType(to)).isTrue();
    assertThat(
            conformed
                .orderBy("row")
                .select(to_json(col("c")))
                .as(Encoders.STRING())
                .collectAsList())
        .containsExactly("{\"id\":1,\"items\":[{\"sku\":\"x\"}]}", null);
    assertThat(NestedValues.conformed(col("c"), to, to)).isEqualTo(col("c"));
    assertThat(
            List.of(
                NestedValues.hasMap(to),
                NestedValues.hasMap(typeOf(spark.sql("SELECT array(map('a', 1)) AS c"), "c"))))
        .containsExactly(false, true);
  }
}
