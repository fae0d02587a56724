package io.splitflow.common.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives field types from a JSON Schema (draft 4 to 2020-12, the parts that describe a record's
 * shape): {@code object} with {@code properties} is a struct, {@code object} with only {@code
 * additionalProperties: {schema}} is a {@code map<string, ...>}, {@code array} with {@code items}
 * an array; {@code string} with {@code format} {@code date}/{@code date-time} a date/timestamp,
 * with {@code contentEncoding: base64} (or OpenAPI's {@code format: byte}) binary; {@code integer}
 * a long ({@code int32}: int), {@code number} a double ({@code float}: float). Local {@code $ref}s
 * ({@code #/$defs/Address}, {@code #/definitions/...}) are followed; a recursive one is refused, as
 * a column cannot be recursive.
 *
 * <p>A property is required when its object's {@code required} lists it and its schema does not
 * admit null ({@code "type": ["string", "null"]}, or {@code anyOf}/{@code oneOf} with a {@code
 * null} branch): JSON Schema's {@code required} asks for the key, splitflow's for a value. Errors
 * name the property by its path ({@code customer.address.city}, {@code items[]}).
 */
final class JsonSchemaTypes {
  private static final String SUPPORTED =
      "use object, array, string, integer, number or boolean, one of them with null";

  private final JsonNode root;

  private JsonSchemaTypes(JsonNode root) {
    this.root = root;
  }

  /** A schema with its $refs and null unions resolved, and the $refs followed to reach it. */
  private record Resolved(JsonNode schema, boolean nullable, Set<String> refs) {}

  /** The properties of the root object schema, as fields. */
  static List<FieldSpec> fields(JsonNode root) {
    JsonSchemaTypes types = new JsonSchemaTypes(root);
    Resolved top = types.resolve("", root, false, Set.of());
    if (!top.schema().path("properties").isObject()
        || !"object".equals(types.typeOf("", top.schema()))) {
      throw new IllegalArgumentException("is not a JSON Schema of type object with properties");
    }
    return types.properties("", top, 1);
  }

  private List<FieldSpec> properties(String path, Resolved object, int level) {
    Set<String> required = new HashSet<>();
    object.schema().path("required").forEach(name -> required.add(name.asText()));
    List<FieldSpec> fields = new ArrayList<>();
    var entries = object.schema().path("properties").fields();
    while (entries.hasNext()) {
      var entry = entries.next();
      String name = entry.getKey();
      String nested = path.isEmpty() ? name : path + "." + name;
      Resolved property = resolve(nested, entry.getValue(), false, object.refs());
      fields.add(
          new FieldSpec(
              name,
              type(nested, property, level),
              required.contains(name) && !admitsNull(property)));
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException(
          "field '" + path + "': an object with no properties cannot be a struct");
    }
    return fields;
  }

  private FieldType type(String path, Resolved resolved, int level) {
    if (level > FieldType.MAX_DEPTH) {
      throw new IllegalArgumentException(
          "field '" + path + "': nests more than " + FieldType.MAX_DEPTH + " levels deep");
    }
    JsonNode schema = resolved.schema();
    String type = typeOf(path, schema);
    String format = schema.path("format").asText();
    return switch (type) {
      case "object" -> object(path, resolved, level);
      case "array" -> {
        JsonNode items = schema.path("items");
        if (!items.isObject()) {
          throw new IllegalArgumentException(
              "field '"
                  + path
                  + "': an array needs an items schema (one schema for every element)");
        }
        String element = path + "[]";
        yield FieldType.array(
            type(element, resolve(element, items, false, resolved.refs()), level + 1));
      }
      case "string" -> {
        if (schema.path("contentEncoding").asText().equals("base64") || format.equals("byte")) {
          yield FieldType.BINARY;
        }
        yield switch (format) {
          case "date" -> FieldType.DATE;
          case "date-time" -> FieldType.TIMESTAMP;
          default -> FieldType.STRING;
        };
      }
      case "integer" -> format.equals("int32") ? FieldType.INT : FieldType.LONG;
      case "number" -> format.equals("float") ? FieldType.FLOAT : FieldType.DOUBLE;
      case "boolean" -> FieldType.BOOLEAN;
      default ->
          throw new IllegalArgumentException(
              "field '"
                  + path
                  + "': JSON Schema type '"
                  + type
                  + "' is not supported; "
                  + SUPPORTED);
    };
  }

  private FieldType object(String path, Resolved resolved, int level) {
    JsonNode schema = resolved.schema();
    if (schema.path("properties").isObject()) {
      return FieldType.struct(properties(path, resolved, level + 1));
    }
    JsonNode values = schema.path("additionalProperties");
    if (values.isObject()) {
      String element = path + "[]";
      return FieldType.map(
          type(element, resolve(element, values, false, resolved.refs()), level + 1));
    }
    throw new IllegalArgumentException(
        "field '"
            + path
            + "': an object needs properties (a struct) or an additionalProperties schema (a"
            + " map<string, ...>)");
  }

  /** The one type other than null that {@code schema} admits: its type, or the one of a list. */
  private String typeOf(String path, JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      return type.asText();
    }
    if (type.isArray()) {
      List<String> others = new ArrayList<>();
      type.forEach(t -> others.add(t.asText()));
      others.remove("null");
      if (others.size() != 1) {
        throw new IllegalArgumentException(
            "field '"
                + path
                + "': a union of types "
                + others
                + " is not supported; a type list may only pair null with one type");
      }
      return others.get(0);
    }
    throw new IllegalArgumentException(
        "field '" + path + "': has no type; " + SUPPORTED + " (anyOf/oneOf: null and one schema)");
  }

  private static boolean admitsNull(Resolved resolved) {
    if (resolved.nullable()) {
      return true;
    }
    for (JsonNode type : resolved.schema().path("type")) {
      if (type.asText().equals("null")) {
        return true;
      }
    }
    return resolved.schema().path("nullable").asBoolean(false);
  }

  /**
   * The schema {@code node} stands for: itself, the target of its local {@code $ref}, or the one
   * branch of an {@code anyOf}/{@code oneOf} with null, which then admits null.
   */
  private Resolved resolve(String path, JsonNode node, boolean nullable, Set<String> refs) {
    JsonNode ref = node.path("$ref");
    if (ref.isTextual()) {
      String pointer = ref.asText();
      if (!pointer.startsWith("#")) {
        throw new IllegalArgumentException(
            "field '"
                + path
                + "': $ref "
                + pointer
                + " is not local; only #/... refs are followed");
      }
      if (refs.contains(pointer)) {
        throw new IllegalArgumentException(
            "field '"
                + path
                + "': $ref "
                + pointer
                + " refers to itself; a recursive type cannot be a column");
      }
      JsonNode target = root.at(pointer.substring(1));
      if (target.isMissingNode()) {
        throw new IllegalArgumentException(
            "field '" + path + "': $ref " + pointer + " points to nothing in the schema");
      }
      Set<String> followed = new HashSet<>(refs);
      followed.add(pointer);
      return resolve(path, target, nullable, Set.copyOf(followed));
    }
    for (String keyword : List.of("anyOf", "oneOf")) {
      JsonNode branches = node.path(keyword);
      if (branches.isArray()) {
        return union(path, keyword, branches, refs);
      }
    }
    return new Resolved(node, nullable, refs);
  }

  private Resolved union(String path, String keyword, JsonNode branches, Set<String> refs) {
    JsonNode only = null;
    boolean nullable = false;
    for (JsonNode branch : branches) {
      if (branch.path("type").asText().equals("null")) {
        nullable = true;
      } else if (only == null) {
        only = branch;
      } else {
        throw new IllegalArgumentException(
            "field '"
                + path
                + "': "
                + keyword
                + " of several schemas is not supported; it may only pair null with one schema");
      }
    }
    if (only == null) {
      throw new IllegalArgumentException("field '" + path + "': " + keyword + " has only null");
    }
    return resolve(path, only, nullable, refs);
  }
}
