package io.splitflow.common.schema;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The type of a dataset's field, as written in the configuration: a scalar ({@code string}, {@code
 * decimal(10,2)}, ...) or a nested type ({@code struct<sku: string, qty: int>}, {@code
 * array<long>}, {@code map<string, double>}), nested to any depth up to {@link #MAX_DEPTH}.
 *
 * <p>The scalars without parameters are the constants of {@link Scalar}, also reachable as {@code
 * FieldType.STRING} and so on, so {@code ==} and {@code switch (type.scalar())} work on them.
 *
 * <p>This interface must declare no default method: one would make initializing {@link Scalar}
 * initialize this interface first, whose constants would then read Scalar's before they are set,
 * and {@code FieldType.STRING} would be null.
 */
public sealed interface FieldType extends Serializable
    permits FieldType.Scalar, FieldType.Decimal, FieldType.Struct, FieldType.Array, FieldType.Map {

  /**
   * How deep types may nest: a struct in an array in a map counts three. The JSON decoder recurses
   * once per level of the declared type, never of the input, so this bounds its stack.
   */
  int MAX_DEPTH = 32;

  Scalar STRING = Scalar.STRING;
  Scalar INT = Scalar.INT;
  Scalar LONG = Scalar.LONG;
  Scalar FLOAT = Scalar.FLOAT;
  Scalar DOUBLE = Scalar.DOUBLE;
  Scalar BOOLEAN = Scalar.BOOLEAN;
  Scalar DATE = Scalar.DATE;
  Scalar TIMESTAMP = Scalar.TIMESTAMP;
  Scalar SHORT = Scalar.SHORT;
  Scalar BYTE = Scalar.BYTE;
  Scalar BINARY = Scalar.BINARY;
  Scalar TIMESTAMP_NTZ = Scalar.TIMESTAMP_NTZ;

  /** The type as the configuration writes it; {@link #parse} reads it back. */
  String typeName();

  /** This type as a scalar without parameters; IllegalStateException for any other type. */
  Scalar scalar();

  /** A struct, an array or a map; a merge key or a partition column cannot be one. */
  boolean isNested();

  /** Levels of nesting: 0 for a scalar, 1 for an array of scalars, and so on. */
  int depth();

  /** Reads a type as written in the configuration; IllegalArgumentException says where it fails. */
  static FieldType parse(String text) {
    return new TypeParser(text).parse();
  }

  private static IllegalStateException notScalar(FieldType type) {
    return new IllegalStateException(type.typeName() + " is not a scalar type");
  }

  static Decimal decimal(int precision, int scale) {
    return new Decimal(precision, scale);
  }

  static Array array(FieldType element) {
    return new Array(element);
  }

  static Map map(FieldType value) {
    return new Map(value);
  }

  static Struct struct(List<FieldSpec> fields) {
    return new Struct(fields);
  }

  /** The types without parameters. */
  enum Scalar implements FieldType {
    STRING,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    SHORT,
    BYTE,
    BINARY,
    TIMESTAMP_NTZ;

    /** The types every format decodes; the others are for format json only so far. */
    public static final Set<Scalar> EVERY_FORMAT =
        Set.of(STRING, INT, LONG, FLOAT, DOUBLE, BOOLEAN, DATE, TIMESTAMP);

    @Override
    public String typeName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Scalar scalar() {
      return this;
    }

    @Override
    public boolean isNested() {
      return false;
    }

    @Override
    public int depth() {
      return 0;
    }
  }

  /** A decimal number of {@code precision} digits, {@code scale} of them after the point. */
  record Decimal(int precision, int scale) implements FieldType {
    public static final int MAX_PRECISION = 38;

    public Decimal {
      if (precision < 1 || precision > MAX_PRECISION) {
        throw new IllegalArgumentException(
            "decimal precision " + precision + " is out of range; use 1 to " + MAX_PRECISION);
      }
      if (scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "decimal scale " + scale + " is out of range; use 0 to the precision " + precision);
      }
    }

    @Override
    public String typeName() {
      return "decimal(" + precision + "," + scale + ")";
    }

    @Override
    public Scalar scalar() {
      throw notScalar(this);
    }

    @Override
    public boolean isNested() {
      return false;
    }

    @Override
    public int depth() {
      return 0;
    }
  }

  /**
   * A record of named fields, in order. A field may be required ({@code not null} in the type
   * syntax): a struct value that lacks it, or holds null for it, fails to decode, naming its path
   * ({@code customer.id}); the struct itself may still be null unless it is required where it
   * stands.
   */
  record Struct(List<FieldSpec> fields) implements FieldType {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Struct {
      fields = List.copyOf(fields);
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("a struct needs at least one field");
      }
      Set<String> names = new HashSet<>();
      for (FieldSpec field : fields) {
        if (!names.add(field.name())) {
          throw new IllegalArgumentException(
              "struct field '" + field.name() + "' is declared twice");
        }
      }
      if (1 + fields.stream().mapToInt(f -> f.type().depth()).max().orElse(0) > MAX_DEPTH) {
        throw new IllegalArgumentException("nests more than " + MAX_DEPTH + " levels deep");
      }
    }

    @Override
    public String typeName() {
      return fields.stream()
          .map(
              f ->
                  quoted(f.name()) + ": " + f.type().typeName() + (f.required() ? " not null" : ""))
          .collect(Collectors.joining(", ", "struct<", ">"));
    }

    @Override
    public Scalar scalar() {
      throw notScalar(this);
    }

    @Override
    public boolean isNested() {
      return true;
    }

    @Override
    public int depth() {
      return 1 + fields.stream().mapToInt(f -> f.type().depth()).max().orElse(0);
    }

    /** A name as the type syntax writes it: backquoted unless it is a plain identifier. */
    static String quoted(String name) {
      return PLAIN_NAME.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`";
    }
  }

  /** A list of values of one type; an element may be null. */
  record Array(FieldType element) implements FieldType {
    public Array {
      if (element.depth() + 1 > MAX_DEPTH) {
        throw new IllegalArgumentException("nests more than " + MAX_DEPTH + " levels deep");
      }
    }

    @Override
    public String typeName() {
      return "array<" + element.typeName() + ">";
    }

    @Override
    public Scalar scalar() {
      throw notScalar(this);
    }

    @Override
    public boolean isNested() {
      return true;
    }

    @Override
    public int depth() {
      return 1 + element.depth();
    }
  }

  /** String keys to values of one type; a value may be null, a key may not. */
  record Map(FieldType value) implements FieldType {
    public Map {
      if (value.depth() + 1 > MAX_DEPTH) {
        throw new IllegalArgumentException("nests more than " + MAX_DEPTH + " levels deep");
      }
    }

    @Override
    public String typeName() {
      return "map<string, " + value.typeName() + ">";
    }

    @Override
    public Scalar scalar() {
      throw notScalar(this);
    }

    @Override
    public boolean isNested() {
      return true;
    }

    @Override
    public int depth() {
      return 1 + value.depth();
    }
  }
}
