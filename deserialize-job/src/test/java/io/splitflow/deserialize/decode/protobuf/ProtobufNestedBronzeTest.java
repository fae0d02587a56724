package io.splitflow.deserialize.decode.protobuf;

import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.builder;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.entry;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.set;
import static io.splitflow.deserialize.decode.protobuf.OrderFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.deserialize.decode.BatchDecoder;
import io.splitflow.deserialize.decode.TombstoneKeyDecoder;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested protobuf values, in the Confluent wire format, are what Spark's UDF result encoder takes:
 * they land in a Delta bronze table with the declared schema and read back equal.
 */
class ProtobufNestedBronzeTest {
  private final SparkSession spark = SparkTestSession.get();

  private static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.LONG, true),
          spec("customer", "struct<id: long, name: string>"),
          spec("items", "array<struct<sku: string, qty: long>>"),
          spec("stock", "map<string, int>"),
          spec("status", "string"),
          spec("photo", "binary"),
          spec("big", "decimal(20,0)"));

  @TempDir Path dir;

  @Test
  void nestedProtobufValuesLandInBronzeWithTheDeclaredSchema() {
    Descriptor order = OrderFixtures.order();
    DynamicMessage.Builder message = builder(order);
    set(message, "id", 7L);
    set(
        message,
        "customer",
        set(set(builder(order.findNestedTypeByName("Customer")), "id", 3L), "name", "Ada").build());
    set(
        message,
        "items",
        set(set(builder(order.findNestedTypeByName("Item")), "sku", "a"), "qty", 2).build());
    set(message, "stock", entry(order, "stock", "x", 5));
    set(message, "photo", ByteString.copyFromUtf8("hi"));
    set(message, "big", -1L);
    byte[] body = message.build().toByteArray();
    byte[] framed = new byte[6 + body.length];
    System.arraycopy(body, 0, framed, 6, body.length);
    byte[] badIndex = {0, 0, 0, 0, 1, 2, 8};
    String set = ProtoFixtures.write(dir, OrderFixtures.orderSet());
    BatchDecoder batch =
        new BatchDecoder(
            FIELDS,
            new ConfluentProtobufDecoder(set, OrderFixtures.ORDER, FIELDS),
            new TombstoneKeyDecoder(null, FIELDS, List.of("id")));
    Dataset<Row> raw =
        spark.createDataFrame(List.of(raw(1, framed), raw(2, badIndex)), TableSchemas.raw());

    Dataset<Row> decoded = batch.decode(raw).cache();
    String table = dir.resolve("bronze").toString();
    BatchDecoder.toBronze(batch.decodedRows(decoded), FIELDS).write().format("delta").save(table);

    Dataset<Row> bronze = spark.read().format("delta").load(table);
    String[] business = FIELDS.stream().map(FieldSpec::name).toArray(String[]::new);
    assertThat(bronze.selectExpr(business).schema()).isEqualTo(SparkTypes.struct(FIELDS));
    List<Row> rows = bronze.selectExpr(business).collectAsList();
    assertThat(rows).hasSize(1);
    Row row = rows.get(0);
    assertThat(row.getLong(0)).isEqualTo(7L);
    assertThat(row.<Row>getAs("customer")).isEqualTo(RowFactory.create(3L, "Ada"));
    assertThat(row.<Row>getList(2)).containsExactly(RowFactory.create("a", 2L));
    assertThat(row.<String, Integer>getJavaMap(3)).containsEntry("x", 5).hasSize(1);
    assertThat(row.getString(4)).isEqualTo("PENDING");
    assertThat((byte[]) row.getAs("photo")).containsExactly('h', 'i');
    assertThat(row.getDecimal(6)).isEqualByComparingTo(new BigDecimal("18446744073709551615"));
    assertThat(batch.failures(decoded, "test").select("error_message").collectAsList())
        .containsExactly(
            RowFactory.create(
                "malformed protobuf: message index [4] names no message; shop/order.proto has 2"
                    + " top-level messages"));
  }

  private static Row raw(long offset, byte[] value) {
    Timestamp t = Timestamp.valueOf("2026-11-27 00:00:00");
    return RowFactory.create(
        null, value, "t", 0, offset, t, 0, List.of(), t, Date.valueOf("2026-11-27"));
  }
}
