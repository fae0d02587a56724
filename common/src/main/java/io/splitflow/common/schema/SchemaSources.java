package io.splitflow.common.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Derives a dataset's fields from the schema forms users already have: a Spark DDL string, an Avro
 * schema ({@code .avsc}) or a JSON Schema. Failures throw IllegalArgumentException naming the
 * field; the config loader adds the key path.
 */
public final class SchemaSources {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUPPORTED =
      "use string, int, long, float, double, boolean, date or timestamp";

  private SchemaSources() {}

  /**
   * {@code sensor_id STRING NOT NULL, value DOUBLE}: NOT NULL makes a field required. Spark's
   * nested types ({@code items ARRAY<STRUCT<sku: STRING, price: DECIMAL(10,2)>>}) are read too; NOT
   * NULL inside them makes a nested field required.
   */
  public static List<FieldSpec> fromDdl(String ddl) {
    StructType struct;
    try {
      struct = StructType.fromDDL(ddl);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not a Spark DDL schema: " + firstLine(e.getMessage()));
    }
    List<FieldSpec> fields = new ArrayList<>();
    for (StructField field : struct.fields()) {
      fields.add(
          new FieldSpec(
              field.name(),
              SparkTypes.fromSpark(field.name(), field.dataType()),
              !field.nullable()));
    }
    return fields;
  }

  /** Required = not a union with null. Dates and timestamps come from Avro logical types. */
  public static List<FieldSpec> fromAvro(String avsc) {
    Schema schema;
    try {
      schema = new Schema.Parser().parse(avsc);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not an Avro schema: " + firstLine(e.getMessage()));
    }
    return AvroFieldMapping.fields(schema);
  }

  /**
   * An object schema's properties, nested objects, arrays and maps included: see {@link
   * JsonSchemaTypes}. A property is required when {@code required} lists it and it does not admit
   * null.
   */
  public static List<FieldSpec> fromJsonSchema(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException("is not JSON: " + firstLine(e.getMessage()));
    }
    return JsonSchemaTypes.fields(root);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
