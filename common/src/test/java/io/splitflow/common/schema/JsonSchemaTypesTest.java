package io.splitflow.common.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemaTypesTest {

  private static final String ORDERS =
      """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["order_id", "customer", "items", "note"],
        "properties": {
          "order_id": {"type": "integer"},
          "customer": {"$ref": "#/$defs/Customer"},
          "items": {"type": "array", "items": {
            "type": "object", "required": ["sku"],
            "properties": {"sku": {"type": "string"}, "qty": {"type": "integer", "format": "int32"},
                           "price": {"type": "number"}}}},
          "attributes": {"type": "object", "additionalProperties": {"type": "string"}},
          "tags": {"type": ["array", "null"], "items": {"type": "string"}},
          "photo": {"type": "string", "contentEncoding": "base64"},
          "note": {"anyOf": [{"type": "null"}, {"type": "string"}]},
          "placed_on": {"type": "string", "format": "date"}
        },
        "$defs": {
          "Customer": {"type": "object", "required": ["id", "address"], "properties": {
            "id": {"type": "integer"},
            "address": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/Address"}]}}},
          "Address": {"type": "object", "properties": {"city": {"type": "string"}}}
        }
      }
      """;

  @Test
  void nestedObjectsArraysMapsAndRefsBecomeNestedTypes() {
    assertThat(SchemaSources.fromJsonSchema(ORDERS))
        .containsExactly(
            new FieldSpec("order_id", FieldType.LONG, true),
            new FieldSpec(
                "customer",
                FieldType.parse("struct<id: long not null, address: struct<city: string>>"),
                true),
            new FieldSpec(
                "items",
                FieldType.parse("array<struct<sku: string not null, qty: int, price: double>>"),
                true),
            new FieldSpec("attributes", FieldType.parse("map<string, string>"), false),
            new FieldSpec("tags", FieldType.parse("array<string>"), false),
            new FieldSpec("photo", FieldType.BINARY, false),
            // listed as required, but null is allowed: JSON Schema's required asks for the key
            new FieldSpec("note", FieldType.STRING, false),
            new FieldSpec("placed_on", FieldType.DATE, false));
  }

  @Test
  void aRootRefIsFollowed() {
    assertThat(
            SchemaSources.fromJsonSchema(
                """
                {"$ref": "#/definitions/R", "definitions": {"R": {"type": "object",
                  "properties": {"n": {"type": "number", "format": "float"}}}}}
                """))
        .isEqualTo(List.of(new FieldSpec("n", FieldType.FLOAT, false)));
  }

  @Test
  void whatNoColumnHoldsIsRefusedNamingThePath() {
    assertThat(refused(property("{\"$ref\": \"#/$defs/Node\"}") + DEFS_NODE))
        .isEqualTo(
            "field 'p.next': $ref #/$defs/Node refers to itself; a recursive type cannot be a"
                + " column");
    assertThat(refused(property("{\"type\": \"array\"}")))
        .isEqualTo("field 'p': an array needs an items schema (one schema for every element)");
    assertThat(refused(property("{\"type\": \"object\"}")))
        .isEqualTo(
            "field 'p': an object needs properties (a struct) or an additionalProperties schema"
                + " (a map<string, ...>)");
    assertThat(refused(property("{\"type\": [\"string\", \"integer\"]}")))
        .isEqualTo(
            "field 'p': a union of types [string, integer] is not supported; a type list may only"
                + " pair null with one type");
    assertThat(
            refused(
                property(
                    "{\"type\": \"array\", \"items\": {\"oneOf\": [{\"type\": \"string\"},"
                        + " {\"type\": \"integer\"}]}}")))
        .isEqualTo(
            "field 'p[]': oneOf of several schemas is not supported; it may only pair null with"
                + " one schema");
    assertThat(refused(property("{\"$ref\": \"#/$defs/Missing\"}")))
        .isEqualTo("field 'p': $ref #/$defs/Missing points to nothing in the schema");
    assertThat(refused(property("{\"$ref\": \"other.json#/X\"}")))
        .isEqualTo("field 'p': $ref other.json#/X is not local; only #/... refs are followed");
    assertThat(
            refused(
                property(
                    "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"object\","
                        + " \"properties\": {\"t\": {\"type\": \"string\", \"format\": \"x\"},"
                        + " \"u\": {\"type\": \"tuple\"}}}}")))
        .isEqualTo(
            "field 'p[].u': JSON Schema type 'tuple' is not supported; use object, array, string,"
                + " integer, number or boolean, one of them with null");
  }

  @Test
  void theSameDefinitionMayBeUsedTwiceWithoutBeingRecursive() {
    assertThat(
            SchemaSources.fromJsonSchema(
                """
                {"type": "object", "properties": {
                  "from": {"$ref": "#/$defs/A"}, "to": {"$ref": "#/$defs/A"}},
                 "$defs": {"A": {"type": "object", "properties": {"c": {"type": "string"}}}}}
                """))
        .extracting(FieldSpec::type)
        .containsExactly(
            FieldType.parse("struct<c: string>"), FieldType.parse("struct<c: string>"));
  }

  private static final String DEFS_NODE =
      "\"$defs\": {\"Node\": {\"type\": \"object\", \"properties\": {\"v\": {\"type\":"
          + " \"integer\"}, \"next\": {\"$ref\": \"#/$defs/Node\"}}}}}";

  /** A schema with one property p, left open for more top-level keywords. */
  private static String property(String schema) {
    return "{\"type\": \"object\", \"properties\": {\"p\": " + schema + "},";
  }

  private static String refused(String openSchema) {
    String schema = openSchema.endsWith("}}") ? openSchema : openSchema.replaceAll(",$", "") + "}";
    try {
      SchemaSources.fromJsonSchema(schema);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + schema);
  }

  @Test
  void theRootMustBeAnObjectWithProperties() {
    assertThatThrownBy(() -> SchemaSources.fromJsonSchema("{\"type\": \"array\"}"))
        .hasMessage("is not a JSON Schema of type object with properties");
  }
}
