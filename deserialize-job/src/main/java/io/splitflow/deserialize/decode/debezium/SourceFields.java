package io.splitflow.deserialize.decode.debezium;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.deserialize.decode.DecodeError;
import io.splitflow.deserialize.decode.TemporalRange;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The declared fields that {@code source} fills when the row lacks them: {@code source_ts_ms} (long
 * or timestamp) from {@code source.ts_ms}, the commit time in epoch milliseconds, and {@code
 * source_lsn} (long) from {@code source.lsn}, the position in the database's log.
 */
final class SourceFields implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The field names, in the order of {@link ChangeEvent#SOURCE_KEYS}. */
  static final List<String> NAMES = List.of("source_ts_ms", "source_lsn");

  private final FieldSpec[] specs = new FieldSpec[NAMES.size()];
  private final int[] positions = new int[NAMES.size()];

  /** IllegalArgumentException for a source field of a type its source cannot fill. */
  SourceFields(List<FieldSpec> fields) {
    for (int s = 0; s < NAMES.size(); s++) {
      positions[s] = -1;
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(NAMES.get(s))) {
          positions[s] = i;
          specs[s] = fields.get(i);
        }
      }
    }
    FieldSpec ts = specs[0];
    if (ts != null && ts.type() != FieldType.LONG && ts.type() != FieldType.TIMESTAMP) {
      throw refused(ts, 0, "long or timestamp");
    }
    FieldSpec lsn = specs[1];
    if (lsn != null && lsn.type() != FieldType.LONG) {
      throw refused(lsn, 1, "long");
    }
  }

  /** The names to watch in the row: presence there decides whether the source fills them. */
  static Set<String> names() {
    return Set.copyOf(NAMES);
  }

  /** {@code fields} with the source fields optional: the row need not have them. */
  List<FieldSpec> optionalInRow(List<FieldSpec> fields) {
    List<FieldSpec> row = new ArrayList<>(fields);
    for (int s = 0; s < positions.length; s++) {
      if (positions[s] >= 0) {
        row.set(positions[s], new FieldSpec(specs[s].name(), specs[s].type(), false));
      }
    }
    return row;
  }

  /**
   * Fills the source fields that {@code row} lacks (all of them for a delete, whose {@code row} is
   * null). {@code problems} is null for a delete, which can do without them (the merge then orders
   * it by its Kafka timestamp).
   */
  void fill(ChangeEvent event, RowSlice row, Object[] values, Problems problems) {
    for (int s = 0; s < positions.length; s++) {
      int i = positions[s];
      if (i < 0 || (row != null && row.present(i))) {
        continue;
      }
      Long value = event.source[s];
      if (value != null) {
        values[i] = sourceValue(specs[s], value, problems);
      } else if (problems != null) {
        unfilled(s, event.sourceFound[s], problems);
      }
    }
  }

  /**
   * The value of a source field from the epoch milliseconds or position found in {@code source}: a
   * commit time beyond the years {@link TemporalRange} allows is null, and a problem unless {@code
   * problems} is null (a delete).
   */
  static Object sourceValue(FieldSpec spec, long value, Problems problems) {
    if (spec.type() != FieldType.TIMESTAMP) {
      return value;
    }
    Instant instant = Instant.ofEpochMilli(value);
    if (TemporalRange.contains(instant)) {
      return instant;
    }
    if (problems != null) {
      problems.add(
          DecodeError.OUT_OF_RANGE,
          "field '"
              + spec.name()
              + "': "
              + value
              + " ms in source.ts_ms is out of range for timestamp ("
              + TemporalRange.YEARS
              + ")");
    }
    return null;
  }

  private void unfilled(int s, String found, Problems problems) {
    String source = "source." + ChangeEvent.SOURCE_KEYS.get(s);
    if (found != null && !found.equals("null")) {
      problems.add(
          DecodeError.WRONG_TYPE,
          "field '" + specs[s].name() + "': expected an integer in " + source + ", found " + found);
    } else if (specs[s].required()) {
      problems.add(
          DecodeError.MISSING_FIELD,
          "required field '"
              + specs[s].name()
              + "' is missing (from the row and from "
              + source
              + ")");
    }
  }

  private static IllegalArgumentException refused(FieldSpec field, int s, String allowed) {
    return new IllegalArgumentException(
        "field '"
            + field.name()
            + "' is filled from source."
            + ChangeEvent.SOURCE_KEYS.get(s)
            + ", so it must be "
            + allowed
            + ", not "
            + field.type().typeName());
  }
}
