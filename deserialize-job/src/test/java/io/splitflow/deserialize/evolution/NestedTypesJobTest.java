package io.splitflow.deserialize.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deserialize-job, as in production, on JSON orders with a customer struct, an items array with a
 * decimal price and an attributes map: bronze gets the nested columns and exact decimals, a price
 * that would round is a dead letter naming its path. (In this package for its {@link Lake}.)
 */
class NestedTypesJobTest {
  private static final String ORDERS =
      """
          fields:
            - { name: id, type: long, required: true }
            - { name: customer, type: "struct<id: long, name: string>" }
            - { name: items, type: "array<struct<sku: string, qty: int, price: decimal(10,2)>>" }
            - { name: attributes, type: "map<string, string>" }
          merge: { keys: id, sequence-by: id }
      """;

  @TempDir Path dir;

  @Test
  void nestedOrdersLandInBronzeAndAPriceThatWouldRoundIsADeadLetter() throws Exception {
    Lake lake = new Lake(dir, ORDERS);
    lake.produce(
        "{\"id\":1,\"customer\":{\"id\":10,\"name\":\"Ada\"},"
            + "\"items\":[{\"sku\":\"a\",\"qty\":2,\"price\":19.99},"
            + "{\"sku\":\"b\",\"qty\":1,\"price\":0.1}],\"attributes\":{\"gift\":\"yes\"}}",
        "{\"id\":2,\"items\":[{\"sku\":\"c\",\"qty\":1,\"price\":5.001}]}");
    lake.deserialize();

    assertThat(
            lake.bronze()
                .selectExpr("id", "customer", "items", "attributes")
                .schema()
                .simpleString())
        .isEqualTo(
            "struct<id:bigint,customer:struct<id:bigint,name:string>,"
                + "items:array<struct<sku:string,qty:int,price:decimal(10,2)>>,"
                + "attributes:map<string,string>>");
    List<Row> bronze =
        lake.bronze()
            .selectExpr("id", "customer.name", "items[0].price", "items[1]", "attributes['gift']")
            .collectAsList();
    assertThat(bronze)
        .containsExactly(
            RowFactory.create(
                1L,
                "Ada",
                new BigDecimal("19.99"),
                RowFactory.create("b", 1, new BigDecimal("0.10")),
                "yes"));
    assertThat(lake.deadLetters().select("error_class", "error_message").collectAsList())
        .containsExactly(
            RowFactory.create(
                "WRONG_TYPE",
                "field 'items[0].price': expected decimal(10,2), found number 5.001 (more than 2"
                    + " digits after the point)"));
  }

  @Test
  void keptUnknownFieldsAreQueryableInBronzesVariantColumn() throws Exception {
    Lake lake = new Lake(dir, "    unknown-fields: keep\n" + ORDERS);
    lake.produce(
        "{\"id\":1,\"colour\":\"red\",\"customer\":{\"id\":10,\"tier\":{\"level\":3}}}",
        "{\"id\":2,\"customer\":{\"id\":11}}",
        "{\"id\":3,\"customer\":\"not a struct\",\"colour\":\"blue\"}");
    lake.deserialize();

    assertThat(lake.bronze().schema().apply("_extra").dataType().simpleString())
        .isEqualTo("variant");
    assertThat(
            lake.bronze()
                .orderBy("id")
                .selectExpr(
                    "id",
                    "variant_get(_extra, '$.colour', 'string')",
                    "variant_get(_extra, '$[\"customer.tier\"].level', 'int')")
                .collectAsList())
        .containsExactly(RowFactory.create(1L, "red", 3), RowFactory.create(2L, null, null));
    // a record that fails keeps nothing anywhere but its dead letter
    assertThat(lake.deadLetters().select("error_class").collectAsList())
        .containsExactly(RowFactory.create("WRONG_TYPE"));
  }
}
