package io.splitflow.common.config;

/**
 * How a Debezium connector writes a {@code decimal(p,s)} column into JSON, as its {@code
 * decimal.handling.mode} says: {@code precise} (the default) as base64 of the unscaled value's
 * big-endian two's-complement bytes, at the column's scale; {@code string} as its plain text;
 * {@code double} as a JSON number.
 */
public enum DecimalHandling {
  PRECISE,
  STRING,
  DOUBLE
}
