package io.splitflow.merge.scd1;

import static io.splitflow.merge.dedupe.BatchDeduper.quoted;

import io.splitflow.common.schema.TableSchemas;
import java.util.List;
import java.util.stream.Collectors;

/** The SQL conditions of the MERGEs, kept apart so they are tested as text. */
public final class MergeConditions {
  public static final String TARGET = "t";
  public static final String SOURCE = "s";

  private MergeConditions() {}

  /** Gold row and batch row are the same key. Keys are required fields, so never null. */
  public static String sameKey(List<String> keys) {
    return keys.stream()
        .map(k -> TARGET + "." + quoted(k) + " = " + SOURCE + "." + quoted(k))
        .collect(Collectors.joining(" AND "));
  }

  /**
   * The batch's version is newer than gold's: greater (sequence..., offset). A re-delivery has an
   * equal sequence and a late update a smaller one: neither touches gold.
   */
  public static String newerThanGold() {
    return SOURCE + "." + TableSchemas.SEQUENCE + " > " + TARGET + "." + TableSchemas.SEQUENCE;
  }

  /** Newer, but the same content and the same deleted state: only the sequence moves. */
  public static String newerWithSameContent() {
    return newerThanGold()
        + " AND "
        + SOURCE
        + "."
        + TableSchemas.ROW_HASH
        + " = "
        + TARGET
        + "."
        + TableSchemas.ROW_HASH
        + " AND "
        + SOURCE
        + "."
        + TableSchemas.DELETED
        + " = coalesce("
        + TARGET
        + "."
        + TableSchemas.DELETED
        + ", false)";
  }

  /** The same SCD2 row: same key and same first version. */
  public static String sameVersion(List<String> keys) {
    return sameKey(keys)
        + " AND "
        + TARGET
        + "."
        + TableSchemas.SEQUENCE
        + " = "
        + SOURCE
        + "."
        + TableSchemas.SEQUENCE;
  }
}
