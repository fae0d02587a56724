package io.splitflow.deserialize.decode;

/** What to do with a top-level field that is not in the schema. */
public enum UnknownFieldPolicy {
  /** Skip it, with anything nested in it. */
  IGNORE,
  /** Fail the record with {@link DecodeError#UNKNOWN_FIELD}, so it goes to the dead letters. */
  DEAD_LETTER,
  /** Keep it, with its value as it came, in the record's {@link ExtraFields}. */
  KEEP
}
