package io.splitflow.merge.scd1;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.testing.SparkTestSession;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** {@link GoldRows#rowHash}: the same values hash the same, whatever order a map was stored in. */
class RowHashTest {
  private final SparkSession spark = SparkTestSession.get();

  /** The columns of {@code rows} as fields; rowHash takes the types from the rows themselves. */
  private static List<FieldSpec> fields(Dataset<Row> rows) {
    return Arrays.stream(rows.columns())
        .filter(c -> !c.equals("row"))
        .map(c -> new FieldSpec(c, FieldType.STRING, false))
        .toList();
  }

  /** The hash of each row, in the order of column {@code row}. */
  private static List<String> hashes(Dataset<Row> rows) {
    return rows.orderBy("row")
        .select(GoldRows.rowHash(rows, fields(rows)))
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  /** The expression gold hashed rows with before nested values: sha2 of to_json of the columns. */
  private static List<String> oldHashes(Dataset<Row> rows) {
    Column[] business = fields(rows).stream().map(f -> col(f.name())).toArray(Column[]::new);
    return rows.orderBy("row")
        .select(sha2(to_json(struct(business)), 256))
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  @Test
  void rowsWithoutMapsHashExactlyAsBefore() {
    Dataset<Row> rows =
        spark.sql(
            "SELECT 1 AS row, 'a' AS id, 1.5D AS value, TIMESTAMP'2027-01-01 00:00:00' AS seq,"
                + " CAST(9.99 AS DECIMAL(10,2)) AS price, X'CAFE' AS blob,"
                + " named_struct('name', 'Ann', 'address', named_struct('city', 'Oslo')) AS"
                + " customer, array(named_struct('sku', 'x', 'qty', 2)) AS items"
                + " UNION ALL SELECT 2, 'b', NULL, NULL, NULL, NULL, NULL, NULL"
                + " UNION ALL SELECT 3, 'c', -0.0D, NULL, NULL, NULL,"
                + " named_struct('name', NULL, 'address', NULL), array()");

    assertThat(hashes(rows)).isEqualTo(oldHashes(rows)).doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void aMapStoredInKeyOrderHashesAsBefore() {
    Dataset<Row> rows =
        spark.sql(
            "SELECT 1 AS row, 'a' AS id, map('a', '1', 'b', '2') AS tags"
                + " UNION ALL SELECT 2, 'b', map() UNION ALL SELECT 3, 'c', NULL");

    assertThat(hashes(rows)).isEqualTo(oldHashes(rows));
  }

  @Test
  void theSameMapInAnotherOrderHashesTheSame() {
    Dataset<Row> rows =
        spark.sql(
            "SELECT 1 AS row, 'a' AS id, map('a', '1', 'b', '2', 'c', '3') AS tags"
                + " UNION ALL SELECT 2, 'a', map('c', '3', 'a', '1', 'b', '2')");

    // stored in two orders, printed in two orders: the plain hash would see a change
    assertThat(oldHashes(rows)).doesNotHaveDuplicates();
    assertThat(hashes(rows)).hasSize(2).containsOnly(hashes(rows).get(0));
  }

  @Test
  void aDifferentValueOrKeyHashesDifferently() {
    Dataset<Row> rows =
        spark.sql(
            "SELECT 1 AS row, map('a', '1', 'b', '2') AS tags"
                + " UNION ALL SELECT 2, map('a', '1', 'b', '3')"
                + " UNION ALL SELECT 3, map('a', '1', 'c', '2')"
                + " UNION ALL SELECT 4, map('a', '1')"
                + " UNION ALL SELECT 5, map('a', '1', 'b', NULL)");

    assertThat(hashes(rows)).doesNotHaveDuplicates();
  }

  @Test
  void mapsInsideStructsInsideArraysAreOrderedAtEveryDepth() {
    Dataset<Row> rows =
        spark.sql(
            "SELECT 1 AS row, named_struct('id', 7, 'orders', array(named_struct('sku', 'x',"
                + " 'attrs', map('size', 'L', 'color', 'red'),"
                + " 'nested', map('p', map('b', 2, 'a', 1), 'o', map())))) AS customer"
                + " UNION ALL SELECT 2, named_struct('id', 7, 'orders', array(named_struct('sku',"
                + " 'x', 'attrs', map('color', 'red', 'size', 'L'),"
                + " 'nested', map('o', map(), 'p', map('a', 1, 'b', 2)))))"
                + " UNION ALL SELECT 3, named_struct('id', 7, 'orders', array(named_struct('sku',"
                + " 'x', 'attrs', map('color', 'red', 'size', 'M'),"
                + " 'nested', map('o', map(), 'p', map('a', 1, 'b', 2)))))");

    List<String> hashes = hashes(rows);

    assertThat(oldHashes(rows)).doesNotHaveDuplicates();
    assertThat(hashes.get(1)).isEqualTo(hashes.get(0));
    assertThat(hashes.get(2)).isNotEqualTo(hashes.get(0));
  }
}
