package io.splitflow.common.config;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.SchemaSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A dataset's business fields: listed under {@code fields}, or derived from {@code schema.ddl},
 * {@code schema.avro-file} or {@code schema.json-schema-file} (paths relative to the config).
 */
final class FieldsBinder {
  private static final Set<String> FIELD = Set.of("name", "type", "required");
  private static final Set<String> SCHEMA = Set.of("ddl", "avro-file", "json-schema-file");
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private FieldsBinder() {}

  /**
   * The fields, the Avro schema text when the schema came from an .avsc file, and the key path that
   * declares the type of the field at an index.
   */
  record Bound(
      List<FieldSpec> fields,
      Optional<String> avroSchema,
      java.util.function.IntFunction<String> typePath) {}

  static Bound bind(ConfigNode dataset, DataFormat format, Path baseDir) {
    ConfigNode listed = dataset.child("fields");
    ConfigNode schema = dataset.child("schema");
    if (listed.isMissing() == schema.isMissing()) {
      throw ConfigErrors.invalid(
          dataset.path(),
          listed.isMissing() ? "neither" : "both",
          "needs exactly one of fields (a list) or schema (ddl, avro-file or json-schema-file)");
    }
    if (!listed.isMissing()) {
      if (format.isAvro()) {
        throw ConfigErrors.invalid(
            listed.path(),
            "[...]",
            "cannot describe " + format.configName() + " records; give schema.avro-file");
      }
      return new Bound(
          check(listed, listed(listed), i -> listed.path() + "[" + i + "].name"),
          Optional.empty(),
          i -> listed.path() + "[" + i + "].type");
    }
    schema.requireObject().allowOnly(SCHEMA);
    List<String> given = SCHEMA.stream().filter(k -> !schema.child(k).isMissing()).toList();
    if (given.size() != 1) {
      throw ConfigErrors.invalid(
          schema.path(),
          String.join(" and ", given),
          "needs exactly one of ddl, avro-file or json-schema-file");
    }
    String kind = given.get(0);
    ConfigNode source = schema.child(kind);
    if (format.isAvro() && !kind.equals("avro-file")) {
      throw ConfigErrors.invalid(
          source.path(),
          source.string(),
          "cannot describe " + format.configName() + " records; give schema.avro-file");
    }
    return switch (kind) {
      case "ddl" ->
          new Bound(
              check(
                  source,
                  derive(source, source.string(), SchemaSources::fromDdl),
                  i -> source.path()),
              Optional.empty(),
              i -> source.path());
      case "avro-file" -> {
        String avsc = read(source, baseDir);
        yield new Bound(
            check(source, derive(source, avsc, SchemaSources::fromAvro), i -> source.path()),
            Optional.of(avsc),
            i -> source.path());
      }
      default ->
          new Bound(
              check(
                  source,
                  derive(source, read(source, baseDir), SchemaSources::fromJsonSchema),
                  i -> source.path()),
              Optional.empty(),
              i -> source.path());
    };
  }

  /**
   * Refuses the types the dataset's decoder does not read: see {@link #decodes}. Stops the job at
   * config load, naming the field's key.
   */
  static void requireDecodable(Bound bound, DataFormat format, Envelope envelope) {
    String reader =
        envelope == Envelope.DEBEZIUM ? "envelope debezium" : "format " + format.configName();
    for (int i = 0; i < bound.fields().size(); i++) {
      FieldSpec field = bound.fields().get(i);
      FieldType type = field.type();
      if (decodes(format, envelope, type)) {
        continue;
      }
      String path = bound.typePath().apply(i);
      boolean listed = path.endsWith("].type");
      String why =
          envelope == Envelope.DEBEZIUM
              ? "change events decode the eight plain scalars"
                  + (format == DataFormat.JSON ? " and decimals" : "")
                  + " only so far"
              : format.isProtobuf()
                  ? "protobuf has no short, byte or timestamp_ntz type; use int or timestamp"
                  : (type.isNested() || type instanceof FieldType.Decimal
                          ? "nested and decimal types"
                          : "short, byte, binary and timestamp_ntz")
                      + " are supported for format json only so far";
      throw ConfigErrors.invalid(
          path,
          type.typeName(),
          (listed ? "" : "(field " + field.name() + ") ")
              + "is not supported with "
              + reader
              + "; "
              + why);
    }
  }

  /**
   * Whether the decoder of {@code format} (or Debezium's envelope) reads values of {@code type}:
   * one case per decoder, so each widens on its own as it learns types.
   */
  static boolean decodes(DataFormat format, Envelope envelope, FieldType type) {
    if (envelope == Envelope.DEBEZIUM) {
      // Debezium's JSON converter writes decimals in each decimal.handling.mode's way; the Avro
      // decoder of its events reads scalars only so far
      return everyFormat(type) || (format == DataFormat.JSON && type instanceof FieldType.Decimal);
    }
    return switch (format) {
      case JSON, JSON_CONFLUENT -> true;
      // their fields come from the .avsc (bind refuses a list), and every type AvroFieldMapping
      // derives from one, nested or not, the Avro decoders read
      case AVRO, AVRO_CONFLUENT -> true;
      case PROTOBUF, PROTOBUF_CONFLUENT -> protobufReads(type);
    };
  }

  /**
   * Protobuf has a type for everything but short, byte and timestamp_ntz; whether a decimal fits (a
   * uint64) is the descriptor's business, checked when the decoder is built.
   */
  private static boolean protobufReads(FieldType type) {
    if (type instanceof FieldType.Struct struct) {
      return struct.fields().stream().allMatch(f -> protobufReads(f.type()));
    }
    if (type instanceof FieldType.Array array) {
      return protobufReads(array.element());
    }
    if (type instanceof FieldType.Map map) {
      return protobufReads(map.value());
    }
    return type != FieldType.SHORT && type != FieldType.BYTE && type != FieldType.TIMESTAMP_NTZ;
  }

  private static boolean everyFormat(FieldType type) {
    return type instanceof FieldType.Scalar scalar
        && FieldType.Scalar.EVERY_FORMAT.contains(scalar);
  }

  private static List<FieldSpec> listed(ConfigNode node) {
    List<FieldSpec> fields = new ArrayList<>();
    for (ConfigNode element : node.elements()) {
      element.requireObject().allowOnly(FIELD);
      FieldType type = type(element.child("type"));
      fields.add(
          new FieldSpec(
              element.child("name").string(), type, element.child("required").bool(false)));
    }
    return fields;
  }

  static FieldType type(ConfigNode node) {
    String text = node.string();
    try {
      return FieldType.parse(text);
    } catch (IllegalArgumentException e) {
      throw ConfigErrors.invalid(node.path(), text, "is not a field type: " + e.getMessage());
    }
  }

  private static List<FieldSpec> derive(
      ConfigNode node, String text, Function<String, List<FieldSpec>> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(node.path() + ": " + e.getMessage());
    }
  }

  private static String read(ConfigNode node, Path baseDir) {
    Path file = baseDir.resolve(node.string()).normalize();
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw ConfigErrors.invalid(
          node.path(), node.string(), "cannot be read (" + file + "): " + e.getMessage());
    }
  }

  private static List<FieldSpec> check(
      ConfigNode node, List<FieldSpec> fields, java.util.function.IntFunction<String> pathOf) {
    if (fields.isEmpty()) {
      throw ConfigErrors.invalid(node.path(), "[]", "is empty; declare at least one field");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec field = fields.get(i);
      if (!FIELD_NAME.matcher(field.name()).matches()) {
        throw ConfigErrors.invalid(
            pathOf.apply(i),
            field.name(),
            "is not a field name; use letters, digits and _, starting with a letter"
                + " (names starting with _ are splitflow's)");
      }
      if (!seen.add(field.name())) {
        throw ConfigErrors.invalid(pathOf.apply(i), field.name(), "is declared twice");
      }
    }
    return fields;
  }
}
