package io.splitflow.common.config;

/** How the record sits inside the message. */
public enum Envelope {
  /** The message is the record. */
  NONE,
  /**
   * A Debezium change event: {@code after} is the record, {@code op = d} deletes the key found in
   * {@code before}; {@code source.ts_ms} and {@code source.lsn} fill declared fields named {@code
   * source_ts_ms} and {@code source_lsn}, so they can be sequence columns.
   */
  DEBEZIUM
}
