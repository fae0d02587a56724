package io.splitflow.common.config;

/** The tables of one dataset, in pipeline order. */
public enum TableLayer {
  RAW("raw", "raw"),
  BRONZE("bronze", "bronze"),
  DEAD_LETTER("dead-letter", "dead_letter"),
  GOLD("gold", "gold"),
  /** One row per merge batch: what it inserted, updated, ignored and deleted. */
  MERGE_EVENTS("merge-events", "merge_events");

  private final String configName;
  private final String storageName;

  TableLayer(String configName, String storageName) {
    this.configName = configName;
    this.storageName = storageName;
  }

  /** The key under {@code datasets.<name>.tables}. */
  public String configName() {
    return configName;
  }

  /** The directory under the lake root, or the schema name under the catalog. */
  public String storageName() {
    return storageName;
  }
}
