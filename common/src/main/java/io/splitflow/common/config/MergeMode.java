package io.splitflow.common.config;

import java.util.Locale;

/** How gold keeps versions of a key. */
public enum MergeMode {
  /** Upsert: gold holds the latest version per key. */
  SCD1,
  /** History: gold holds one row per version, with its validity interval. */
  SCD2;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
