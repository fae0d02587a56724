package io.splitflow.common.config;

/** What the JSON decoder does with a top-level field the schema does not declare. */
public enum UnknownFields {
  IGNORE,
  DEAD_LETTER
}
