package io.splitflow.deserialize.decode.avro;

import static io.splitflow.deserialize.decode.avro.AvroTestData.confluent;
import static io.splitflow.deserialize.decode.avro.AvroTestData.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.schema.AvroFieldMapping;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.DecodeResult;
import io.splitflow.deserialize.decode.registry.DirectorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer/reader resolution inside nested records: Avro's rules hold at every level. */
class ConfluentNestedEvolutionTest {

  private static final String READER =
      """
      {"type": "record", "name": "Order", "fields": [
        {"name": "id", "type": "long"},
        {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line",
          "fields": [
            {"name": "sku", "type": "string"},
            {"name": "qty", "type": "int", "default": 1}
          ]}}}
      ]}
      """;

  @TempDir Path schemas;

  @Test
  void aFieldTheWriterAddedInsideANestedRecordIsSkipped() throws IOException {
    Schema writer =
        register(
            2,
            """
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "long"},
              {"name": "lines", "type": {"type": "array", "items": {"type": "record",
                "name": "Line", "fields": [
                  {"name": "sku", "type": "string"},
                  {"name": "note", "type": {"type": "map", "values": "string"}},
                  {"name": "qty", "type": "int"}
                ]}}}
            ]}
            """);
    Schema line = writer.getField("lines").schema().getElementType();
    GenericRecord order =
        new GenericRecordBuilder(writer)
            .set("id", 7L)
            .set(
                "lines",
                List.of(
                    new GenericRecordBuilder(line)
                        .set("sku", "a")
                        .set("note", java.util.Map.of("gift", "yes"))
                        .set("qty", 3)
                        .build()))
            .build();

    DecodeResult result = decoder().decode(confluent(2, order));

    assertThat(result.values()).containsExactly(7L, List.of(RowFactory.create("a", 3)));
  }

  @Test
  void aNestedFieldTheWriterLacksTakesTheReaderDefault() throws IOException {
    Schema writer =
        register(
            3,
            """
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "long"},
              {"name": "lines", "type": {"type": "array", "items": {"type": "record",
                "name": "Line", "fields": [{"name": "sku", "type": "string"}]}}}
            ]}
            """);
    Schema line = writer.getField("lines").schema().getElementType();
    GenericRecord order =
        new GenericRecordBuilder(writer)
            .set("id", 8L)
            .set(
                "lines",
                List.of(
                    new GenericRecordBuilder(line).set("sku", "a").build(),
                    new GenericRecordBuilder(line).set("sku", "b").build()))
            .build();

    DecodeResult result = decoder().decode(confluent(3, order));

    assertThat(result.values())
        .containsExactly(8L, List.of(RowFactory.create("a", 1), RowFactory.create("b", 1)));
  }

  @Test
  void aWriterWhoseDecimalHasAnotherScaleIsIncompatibleNotMisread() throws IOException {
    String reader =
        """
        {"type": "record", "name": "Order", "fields": [
          {"name": "id", "type": "long"},
          {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line",
            "fields": [{"name": "price", "type": ["null", {"type": "bytes",
              "logicalType": "decimal", "precision": 10, "scale": 2}]}]}}}
        ]}
        """;
    Schema writer = register(4, reader.replace("\"scale\": 2", "\"scale\": 4"));
    Schema line = writer.getField("lines").schema().getElementType();
    GenericRecord order =
        new GenericRecordBuilder(writer)
            .set("id", 9L)
            .set(
                "lines",
                List.of(
                    new GenericRecordBuilder(line)
                        .set("price", java.nio.ByteBuffer.wrap(new byte[] {0x4e, 0x17}))
                        .build()))
            .build();
    ConfluentAvroDecoder decoder =
        new ConfluentAvroDecoder(
            reader,
            AvroFieldMapping.fields(schema(reader)),
            new DirectorySchemaRegistry(schemas.toString()));

    DecodeResult result = decoder.decode(confluent(4, order));

    // 19999 unscaled is 1.9999 as written; read at scale 2 it would be 199.99
    assertThat(result.error()).isEqualTo(DecodeError.INCOMPATIBLE_SCHEMA);
    assertThat(result.message())
        .isEqualTo(
            "schema id 4 is incompatible with the reader schema: field 'lines[].price': the"
                + " writer's decimal has scale 4, the reader's 2 (Avro would not rescale the"
                + " value)");
    // the same scale is no problem
    register(5, reader);
    assertThat(decoder.decode(confluent(5, order)).error()).isNull();
  }

  private Schema register(int id, String json) throws IOException {
    Files.writeString(schemas.resolve(id + ".avsc"), json);
    return schema(json);
  }

  private ConfluentAvroDecoder decoder() {
    return new ConfluentAvroDecoder(
        READER,
        AvroFieldMapping.fields(schema(READER)),
        new DirectorySchemaRegistry(schemas.toString()));
  }
}
