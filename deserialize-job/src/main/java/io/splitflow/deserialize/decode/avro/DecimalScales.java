package io.splitflow.deserialize.decode.avro;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Finds where a writer schema and the reader schema both hold a {@code decimal} of different
 * scales: the places Avro's resolution would read a value wrongly without an error, since it
 * resolves the bytes and ignores the logical type. Walks the fields the reader reads (by name),
 * array elements, map values and the union branches that resolve to each other.
 */
final class DecimalScales {
  private DecimalScales() {}

  /** The first such place, described for a dead letter's message; null if there is none. */
  static String mismatch(Schema writer, Schema reader) {
    return mismatch(writer, reader, "", new HashSet<>());
  }

  private static String mismatch(Schema writer, Schema reader, String path, Set<String> seen) {
    if (writer.getType() == Schema.Type.UNION || reader.getType() == Schema.Type.UNION) {
      for (Schema w : branches(writer)) {
        for (Schema r : branches(reader)) {
          if (sameKind(w, r)) {
            String found = mismatch(w, r, path, seen);
            if (found != null) {
              return found;
            }
          }
        }
      }
      return null;
    }
    if (!sameKind(writer, reader)) {
      return null; // Avro's resolution refuses or promotes these; not a decimal's business
    }
    switch (reader.getType()) {
      case RECORD -> {
        // a recursive record is walked once per pair of names
        if (!seen.add(writer.getFullName() + "|" + reader.getFullName())) {
          return null;
        }
        for (Schema.Field field : reader.getFields()) {
          Schema.Field written = writer.getField(field.name());
          if (written != null) {
            String nested = path.isEmpty() ? field.name() : path + "." + field.name();
            String found = mismatch(written.schema(), field.schema(), nested, seen);
            if (found != null) {
              return found;
            }
          }
        }
        return null;
      }
      case ARRAY -> {
        return mismatch(writer.getElementType(), reader.getElementType(), path + "[]", seen);
      }
      case MAP -> {
        return mismatch(writer.getValueType(), reader.getValueType(), path + "[]", seen);
      }
      case BYTES, FIXED -> {
        Integer w = scale(writer);
        Integer r = scale(reader);
        return w != null && r != null && !w.equals(r)
            ? "field '"
                + path
                + "': the writer's decimal has scale "
                + w
                + ", the reader's "
                + r
                + " (Avro would not rescale the value)"
            : null;
      }
      default -> {
        return null;
      }
    }
  }

  private static Iterable<Schema> branches(Schema schema) {
    return schema.getType() == Schema.Type.UNION ? schema.getTypes() : java.util.List.of(schema);
  }

  private static boolean sameKind(Schema writer, Schema reader) {
    if (writer.getType() != reader.getType()) {
      return false;
    }
    return switch (reader.getType()) {
      case RECORD, FIXED, ENUM -> writer.getName().equals(reader.getName());
      default -> true;
    };
  }

  private static Integer scale(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    return logical instanceof LogicalTypes.Decimal decimal ? decimal.getScale() : null;
  }
}
