package io.splitflow.common.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How far {@code schema-evolution: add-columns} may grow bronze and gold, so one hostile or buggy
 * message cannot add thousands of columns. A new field that passes every limit becomes a column; a
 * record that carries one that does not is an {@code UNKNOWN_FIELD} dead letter naming the limit,
 * to be replayed once the limit is raised.
 *
 * @param maxNewColumnsPerBatch new columns one batch may add
 * @param maxColumns columns bronze may have beyond the declared fields, in all
 * @param maxNameLength the longest name a new column may have
 * @param allow a pattern every new column's name must match in full, when set
 * @param minRecords records of the batch that must carry a new field before it becomes a column
 */
public record SchemaGrowth(
    int maxNewColumnsPerBatch,
    int maxColumns,
    int maxNameLength,
    Optional<Pattern> allow,
    long minRecords) {

  public static final SchemaGrowth DEFAULT = new SchemaGrowth(50, 500, 128, Optional.empty(), 1);

  public SchemaGrowth {
    if (maxNewColumnsPerBatch < 1 || maxColumns < 1 || maxNameLength < 1 || minRecords < 1) {
      throw new IllegalArgumentException("schema-growth limits must be 1 or more");
    }
  }
}
