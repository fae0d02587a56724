package io.splitflow.common.config;

import java.util.Optional;

/**
 * How a Kafka tombstone's key maps onto the merge key fields: a delimited string (e.g. {@code
 * sensor-1|2026-11-27} with separator {@code |}, fields in merge-key order) or a JSON object with
 * the key fields.
 */
public record TombstoneKey(String format, Optional<String> separator) {
  public static final String DELIMITED = "delimited";
  public static final String JSON = "json";
}
