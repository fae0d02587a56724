package io.splitflow.common.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the type syntax of the configuration, which is Spark SQL's: {@code decimal(10,2)}, {@code
 * array<struct<sku: string, qty: int>>}, {@code map<string, long>}. Keywords ignore case, blanks
 * between tokens are free, a struct field's colon is optional, a field name may be backquoted, and
 * {@code not null} after a struct field's type makes it required ({@code struct<id: long not null,
 * name: string>}). Errors name the position (counting from 1) where reading stopped.
 */
final class TypeParser {
  static final String ALLOWED =
      "string, int, long, float, double, boolean, date, timestamp, short, byte, binary,"
          + " timestamp_ntz, decimal(p,s), array<type>, map<string, type> or"
          + " struct<name: type, ...>";

  private final String text;
  private int at;

  TypeParser(String text) {
    this.text = text;
  }

  FieldType parse() {
    FieldType type = type(1);
    skipBlanks();
    if (at < text.length()) {
      throw error("expected the end of the type", at);
    }
    return type;
  }

  private FieldType type(int level) {
    skipBlanks();
    int start = at;
    String word = word();
    if (word.isEmpty()) {
      throw error("expected a type", start);
    }
    String keyword = word.toLowerCase(Locale.ROOT);
    switch (keyword) {
      case "decimal" -> {
        return decimal(start);
      }
      case "array", "struct", "map" -> {
        if (level > FieldType.MAX_DEPTH) {
          throw new IllegalArgumentException(
              "nests more than " + FieldType.MAX_DEPTH + " levels deep at position " + (start + 1));
        }
        expect('<');
        FieldType type =
            switch (keyword) {
              case "array" -> FieldType.array(type(level + 1));
              case "map" -> map(level);
              default -> struct(level);
            };
        expect('>');
        return type;
      }
      default -> {
        for (FieldType.Scalar scalar : FieldType.Scalar.values()) {
          if (scalar.typeName().equals(keyword)) {
            return scalar;
          }
        }
        throw new IllegalArgumentException(
            "unknown type '" + word + "' at position " + (start + 1) + "; use " + ALLOWED);
      }
    }
  }

  private FieldType decimal(int start) {
    skipBlanks();
    if (at >= text.length() || text.charAt(at) != '(') {
      throw error("expected '(' after decimal, as in decimal(10,2)", at);
    }
    at++;
    int precision = number();
    int scale = 0;
    skipBlanks();
    if (at < text.length() && text.charAt(at) == ',') {
      at++;
      scale = number();
    }
    expect(')');
    try {
      return FieldType.decimal(precision, scale);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (at position " + (start + 1) + ")");
    }
  }

  private FieldType map(int level) {
    skipBlanks();
    int keyAt = at;
    FieldType key = type(level + 1);
    if (key != FieldType.STRING) {
      throw new IllegalArgumentException(
          "map keys must be string, found " + key.typeName() + " at position " + (keyAt + 1));
    }
    expect(',');
    return FieldType.map(type(level + 1));
  }

  private FieldType struct(int level) {
    List<FieldSpec> fields = new ArrayList<>();
    while (true) {
      skipBlanks();
      int nameAt = at;
      String name = name();
      skipBlanks();
      if (at < text.length() && text.charAt(at) == ':') {
        at++;
      }
      FieldType type = type(level + 1);
      FieldSpec field = new FieldSpec(name, type, notNull());
      if (fields.stream().anyMatch(f -> f.name().equals(name))) {
        throw new IllegalArgumentException(
            "struct field '" + name + "' at position " + (nameAt + 1) + " is declared twice");
      }
      fields.add(field);
      skipBlanks();
      if (at >= text.length() || text.charAt(at) != ',') {
        return FieldType.struct(fields);
      }
      at++;
    }
  }

  /** Reads {@code not null} if it comes next: whether it did. */
  private boolean notNull() {
    skipBlanks();
    int start = at;
    if (!word().equalsIgnoreCase("not")) {
      at = start;
      return false;
    }
    skipBlanks();
    int nullAt = at;
    if (!word().equalsIgnoreCase("null")) {
      throw error("expected null after not", nullAt);
    }
    return true;
  }

  private String name() {
    int start = at;
    if (at < text.length() && text.charAt(at) == '`') {
      StringBuilder name = new StringBuilder();
      at++;
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == '`') {
          if (at < text.length() && text.charAt(at) == '`') {
            at++;
          } else {
            if (name.length() == 0) {
              throw error("expected a field name", start);
            }
            return name.toString();
          }
        }
        name.append(c);
      }
      throw error("expected a closing ` for the name", at);
    }
    String name = word();
    if (name.isEmpty()) {
      throw error("expected a field name", start);
    }
    return name;
  }

  private int number() {
    skipBlanks();
    int start = at;
    while (at < text.length() && at - start < 3 && isDigit(text.charAt(at))) {
      at++;
    }
    if (at == start || (at < text.length() && isDigit(text.charAt(at)))) {
      throw error("expected a number from 0 to 38", start);
    }
    return Integer.parseInt(text.substring(start, at));
  }

  private String word() {
    int start = at;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c))) {
        break;
      }
      at++;
    }
    return text.substring(start, at);
  }

  private void expect(char c) {
    skipBlanks();
    if (at >= text.length() || text.charAt(at) != c) {
      throw error("expected '" + c + "'", at);
    }
    at++;
  }

  private void skipBlanks() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException error(String expected, int position) {
    String found =
        position >= text.length()
            ? "the end of the text"
            : "'" + text.substring(position, Math.min(text.length(), position + 12)) + "'";
    return new IllegalArgumentException(
        expected + " at position " + (position + 1) + ", found " + found);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
