package io.splitflow.deserialize.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.deserialize.decode.avro.AvroRecordDecoder;
import io.splitflow.deserialize.decode.avro.AvroTestData;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The values the JSON and Avro decoders give for nested and the new scalar types are what Spark's
 * UDF result encoder takes: they land in a Delta bronze table with the declared schema and read
 * back equal.
 */
class BatchDecoderNestedTypesTest {
  private final SparkSession spark = SparkTestSession.get();

  private static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.LONG, true),
          new FieldSpec("customer", FieldType.parse("struct<id: long, name: string>"), false),
          new FieldSpec(
              "items",
              FieldType.parse("array<struct<sku: string, qty: short, price: decimal(10,2)>>"),
              false),
          new FieldSpec("attributes", FieldType.parse("map<string, array<byte>>"), false),
          new FieldSpec("photo", FieldType.BINARY, false),
          new FieldSpec("placed_at", FieldType.TIMESTAMP_NTZ, false));

  @TempDir Path dir;

  @Test
  void nestedValuesLandInBronzeWithTheDeclaredSchema() {
    BatchDecoder batch =
        new BatchDecoder(
            FIELDS,
            new JsonRecordDecoder(FIELDS, UnknownFieldPolicy.IGNORE),
            new TombstoneKeyDecoder(null, FIELDS, List.of("id")));
    Dataset<Row> raw =
        spark.createDataFrame(
            List.of(
                raw(
                    1,
                    "{\"id\":7,\"customer\":{\"id\":3,\"name\":\"Ada\"},"
                        + "\"items\":[{\"sku\":\"a\",\"qty\":2,\"price\":19.99},null],"
                        + "\"attributes\":{\"sizes\":[1,null,3]},\"photo\":\"aGk=\","
                        + "\"placed_at\":\"2026-11-27T08:15:30\"}"),
                raw(2, "{\"id\":8,\"items\":[{\"price\":1.234}]}")),
            TableSchemas.raw());
    Dataset<Row> decoded = batch.decode(raw).cache();
    String table = dir.resolve("bronze").toString();
    BatchDecoder.toBronze(batch.decodedRows(decoded), FIELDS).write().format("delta").save(table);

    Dataset<Row> bronze = spark.read().format("delta").load(table);
    String[] business = FIELDS.stream().map(FieldSpec::name).toArray(String[]::new);
    assertThat(bronze.selectExpr(business).schema()).isEqualTo(SparkTypes.struct(FIELDS));
    List<Row> rows = bronze.selectExpr(business).collectAsList();
    assertThat(rows).hasSize(1);
    Row order = rows.get(0);
    assertThat(order.getLong(0)).isEqualTo(7L);
    assertThat(order.<Row>getAs("customer")).isEqualTo(RowFactory.create(3L, "Ada"));
    List<Row> items = order.getList(2);
    assertThat(items).hasSize(2);
    assertThat(items.get(0)).isEqualTo(RowFactory.create("a", (short) 2, new BigDecimal("19.99")));
    assertThat(items.get(1)).isNull();
    Map<String, scala.collection.Seq<Object>> attributes = order.getJavaMap(3);
    assertThat(scala.jdk.javaapi.CollectionConverters.asJava(attributes.get("sizes")))
        .containsExactly((byte) 1, null, (byte) 3);
    assertThat((byte[]) order.getAs("photo")).containsExactly('h', 'i');
    assertThat(order.<LocalDateTime>getAs("placed_at"))
        .isEqualTo(LocalDateTime.of(2026, 11, 27, 8, 15, 30));

    List<Row> failures = batch.failures(decoded, "test").select("error_message").collectAsList();
    assertThat(failures)
        .containsExactly(
            RowFactory.create(
                "field 'items[0].price': expected decimal(10,2), found number 1.234 (more than 2"
                    + " digits after the point)"));
  }

  @Test
  void nestedAvroValuesLandInBronzeWithTheSchemaFromTheirAvsc() {
    Schema schema =
        AvroTestData.schema(
            """
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "long"},
              {"name": "lines", "type": {"type": "array", "items": ["null", {"type": "record",
                "name": "Line", "fields": [
                  {"name": "sku", "type": {"type": "enum", "name": "Sku", "symbols": ["A", "B"]}},
                  {"name": "price", "type": {"type": "fixed", "name": "Price", "size": 5,
                    "logicalType": "decimal", "precision": 10, "scale": 2}}
                ]}]}},
              {"name": "attributes", "type": {"type": "map", "values": "bytes"}},
              {"name": "placed_at", "type": {"type": "long",
                                             "logicalType": "local-timestamp-millis"}},
              {"name": "payload", "type": ["null", "string", "long"], "default": null}
            ]}
            """);
    List<FieldSpec> fields = AvroFieldMapping.fields(schema);
    Schema line = schema.getField("lines").schema().getElementType().getTypes().get(1);
    Schema price = line.getField("price").schema();
    GenericRecord order =
        new GenericRecordBuilder(schema)
            .set("id", 7L)
            .set(
                "lines",
                Arrays.asList(
                    new GenericRecordBuilder(line)
                        .set("sku", new GenericData.EnumSymbol(line.getField("sku").schema(), "B"))
                        .set(
                            "price",
                            new GenericData.Fixed(price, new byte[] {0, 0, 0, 7, (byte) 0xcf}))
                        .build(),
                    null))
            .set(
                "attributes",
                Map.of("b", ByteBuffer.wrap(new byte[] {1}), "a", ByteBuffer.allocate(0)))
            .set("placed_at", 1_764_231_330_123L)
            .set("payload", 42L)
            .build();
    BatchDecoder batch =
        new BatchDecoder(
            fields,
            new AvroRecordDecoder(schema.toString(), fields),
            new TombstoneKeyDecoder(null, fields, List.of("id")));
    Dataset<Row> raw =
        spark.createDataFrame(List.of(raw(1, AvroTestData.plain(order))), TableSchemas.raw());
    String table = dir.resolve("bronze_avro").toString();
    BatchDecoder.toBronze(batch.decodedRows(batch.decode(raw)), fields)
        .write()
        .format("delta")
        .save(table);

    Dataset<Row> bronze = spark.read().format("delta").load(table);
    String[] business = fields.stream().map(FieldSpec::name).toArray(String[]::new);
    assertThat(bronze.selectExpr(business).schema()).isEqualTo(SparkTypes.struct(fields));
    Row row = bronze.selectExpr(business).first();
    assertThat(row.getLong(0)).isEqualTo(7L);
    List<Row> lines = row.getList(1);
    assertThat(lines).containsExactly(RowFactory.create("B", new BigDecimal("19.99")), null);
    Map<String, byte[]> attributes = row.getJavaMap(2);
    assertThat(attributes.keySet()).containsExactlyInAnyOrder("a", "b");
    assertThat(attributes.get("b")).containsExactly(1);
    assertThat(attributes.get("a")).isEmpty();
    assertThat(row.<LocalDateTime>getAs("placed_at"))
        .isEqualTo(LocalDateTime.parse("2025-11-27T08:15:30.123"));
    assertThat(row.<Row>getAs("payload")).isEqualTo(RowFactory.create(null, 42L));
  }

  private static Row raw(long offset, String value) {
    return raw(offset, value.getBytes(StandardCharsets.UTF_8));
  }

  private static Row raw(long offset, byte[] value) {
    Timestamp t = Timestamp.valueOf("2026-11-27 00:00:00");
    return RowFactory.create(
        null, value, "t", 0, offset, t, 0, List.of(), t, Date.valueOf("2026-11-27"));
  }
}
