package io.splitflow.deserialize.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads one field's value as its schema type, without coercion. A value the type does not accept
 * becomes a problem and a null, and the parser is left after the value either way.
 *
 * <p>Structs, arrays and maps are read recursively, one level of recursion per level of the
 * declared type ({@link FieldType#MAX_DEPTH} at most), never per level of the input: input nested
 * deeper than its type is a wrong type, skipped by the parser without recursion. Messages name the
 * value by its path, {@code items[2].price} or {@code attributes["color"]}. A struct's unknown keys
 * follow the dataset's unknown-fields policy, as top-level ones do.
 */
final class ValueReader {

  private static final int MAX_QUOTED = 60;

  private ValueReader() {}

  static Object read(
      JsonParser p, JsonToken token, FieldSpec field, ReadPolicy policy, Problems problems)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      if (field.required()) {
        problems.add(DecodeError.MISSING_FIELD, "required field '" + field.name() + "' is null");
      }
      return null;
    }
    return value(p, token, field.name(), field.type(), policy, problems);
  }

  private static Object value(
      JsonParser p,
      JsonToken token,
      String path,
      FieldType type,
      ReadPolicy policy,
      Problems problems)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (type instanceof FieldType.Scalar scalar) {
      Object value = ScalarReader.scalar(p, token, path, scalar, problems);
      if (value != ScalarReader.NOT_READ) {
        return value;
      }
    } else if (type instanceof FieldType.Decimal decimal) {
      if (token.isNumeric()) {
        return ScalarReader.decimal(p, path, decimal, policy.rounding(), problems);
      }
    } else if (type instanceof FieldType.Struct struct) {
      if (token == JsonToken.START_OBJECT) {
        return struct(p, path, struct, policy, problems);
      }
    } else if (type instanceof FieldType.Array array) {
      if (token == JsonToken.START_ARRAY) {
        List<Object> elements = new ArrayList<>();
        JsonToken element;
        while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
          elements.add(
              value(
                  p,
                  element,
                  path + "[" + elements.size() + "]",
                  array.element(),
                  policy,
                  problems));
        }
        return elements;
      }
    } else if (type instanceof FieldType.Map map) {
      if (token == JsonToken.START_OBJECT) {
        return map(p, path, map, policy, problems);
      }
    }
    problems.add(
        DecodeError.WRONG_TYPE,
        "field '" + path + "': expected " + expected(type) + ", found " + found(p, token));
    p.skipChildren();
    return null;
  }

  private static Row struct(
      JsonParser p, String path, FieldType.Struct type, ReadPolicy policy, Problems problems)
      throws IOException {
    List<FieldSpec> fields = type.fields();
    Object[] values = new Object[fields.size()];
    boolean[] seen = new boolean[fields.size()];
    boolean[] nulls = null;
    Set<String> unknown = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      int position = position(fields, name);
      String nested = path + "." + excerpt(name);
      if (position < 0) {
        if (unknown == null) {
          unknown = new HashSet<>();
        }
        if (!unknown.add(name)) {
          duplicate(nested, problems);
        } else if (policy.unknownFields() == UnknownFieldPolicy.KEEP) {
          problems.extra().copy(path + "." + name, p);
          continue;
        } else if (policy.unknownFields() == UnknownFieldPolicy.DEAD_LETTER) {
          problems.add(
              DecodeError.UNKNOWN_FIELD, "unknown field '" + nested + "' (not in the schema)");
        }
        p.skipChildren();
      } else if (seen[position]) {
        duplicate(nested, problems);
        p.skipChildren();
      } else {
        seen[position] = true;
        if (token == JsonToken.VALUE_NULL) {
          if (nulls == null) {
            nulls = new boolean[fields.size()];
          }
          nulls[position] = true;
        }
        values[position] = value(p, token, nested, fields.get(position).type(), policy, problems);
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (fields.get(i).required() && (!seen[i] || (nulls != null && nulls[i]))) {
        problems.add(
            DecodeError.MISSING_FIELD,
            "required field '"
                + path
                + "."
                + excerpt(fields.get(i).name())
                + "' is "
                + (seen[i] ? "null" : "missing"));
      }
    }
    return RowFactory.create(values);
  }

  private static int position(List<FieldSpec> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, Object> map(
      JsonParser p, String path, FieldType.Map type, ReadPolicy policy, Problems problems)
      throws IOException {
    // sorted: the same map sent with its keys in another order is the same stored value, so gold's
    // change detection (a hash of the row's JSON) does not see a change where there is none
    Map<String, Object> entries = new TreeMap<>();
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      String nested = path + "[\"" + excerpt(key) + "\"]";
      if (entries.containsKey(key)) {
        // Spark would store both entries of a key, which no reader expects
        duplicate(nested, problems);
        p.skipChildren();
      } else {
        entries.put(key, value(p, token, nested, type.value(), policy, problems));
      }
    }
    return entries;
  }

  private static void duplicate(String path, Problems problems) {
    problems.add(DecodeError.DUPLICATE_FIELD, "field '" + path + "' appears twice");
  }

  /** What a top-level value or a field value is, in JSON's terms. */
  static String kind(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  /** Input text for a message, cut short so one huge value cannot swamp the dead letters. */
  static String excerpt(String text) {
    if (text.length() <= MAX_QUOTED) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
    return text.substring(0, end) + "...";
  }

  private static String expected(FieldType type) {
    if (type == FieldType.DATE) {
      return "an ISO-8601 date (yyyy-MM-dd)";
    }
    if (type == FieldType.TIMESTAMP) {
      return "an ISO-8601 timestamp (e.g. 2026-11-27T08:15:30Z)";
    }
    if (type == FieldType.TIMESTAMP_NTZ) {
      return "an ISO-8601 date-time without offset (e.g. 2026-11-27T08:15:30)";
    }
    if (type == FieldType.BINARY) {
      return "a base64 string";
    }
    if (type instanceof FieldType.Array) {
      return "an array";
    }
    return type instanceof FieldType.Struct || type instanceof FieldType.Map
        ? "an object"
        : type.typeName();
  }

  private static String found(JsonParser p, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> "string \"" + excerpt(p.getText()) + "\"";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          kind(token) + " " + excerpt(p.getText());
      default -> kind(token);
    };
  }
}
