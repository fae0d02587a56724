package io.splitflow.common.config;

/** What the JSON decoder does with a field the schema does not declare. */
public enum UnknownFields {
  IGNORE,
  DEAD_LETTER,
  /** Keep it in bronze's VARIANT column {@code _extra}, keyed by its path. */
  KEEP
}
