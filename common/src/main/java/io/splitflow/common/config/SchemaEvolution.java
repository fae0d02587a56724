package io.splitflow.common.config;

import java.util.Locale;

/** Whether a table's schema grows when its input gains columns. */
public enum SchemaEvolution {
  /** New source fields are ignored. */
  NONE,
  /** New source fields become new columns (Delta schema merge). */
  ADD_COLUMNS;

  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
