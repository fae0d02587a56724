package io.splitflow.tools.generate;

/**
 * What a generated message is meant to be, so tests and the demo can check the pipeline's split.
 */
public enum MessageKind {
  /** A new reading, newer than anything before it for its key. */
  VALID,
  /** Not parseable as the expected JSON object. */
  MALFORMED,
  /** A JSON object without one of sensor_id, reading_date, event_time. */
  MISSING_FIELD,
  /** A JSON object with one field of the wrong type or format. */
  WRONG_TYPE,
  /** A byte-for-byte re-delivery of an earlier VALID message. */
  DUPLICATE,
  /** A valid reading older than its key's newest; it must not win the merge. */
  LATE;

  /** True for messages that decode into a reading (VALID, DUPLICATE, LATE). */
  public boolean decodes() {
    return this == VALID || this == DUPLICATE || this == LATE;
  }
}
