package io.splitflow.deserialize.evolution;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says which new fields {@code schema-growth} refused, once per batch that refuses any. */
final class GrowthLog {
  private static final Logger LOG = LoggerFactory.getLogger(GrowthLog.class);
  private static final int NAMES = 10;

  private GrowthLog() {}

  static void refused(String dataset, GrowthLimits.Decision decision) {
    if (decision.refused().isEmpty()) {
      return;
    }
    StringBuilder names = new StringBuilder();
    int shown = 0;
    for (Map.Entry<String, String> entry : decision.refused().entrySet()) {
      if (shown++ == NAMES) {
        names.append("; ...");
        break;
      }
      String name = entry.getKey();
      names
          .append(shown > 1 ? "; " : "")
          .append('\'')
          .append(name.length() <= 64 ? name : name.substring(0, 64) + "...")
          .append("': ")
          .append(entry.getValue());
    }
    LOG.warn(
        "datasets.{}.schema-growth: {} new field(s) not added as columns, {} added; the records"
            + " carrying a refused field go to dead letters as UNKNOWN_FIELD (raise the limit,"
            + " then replay them): {}",
        dataset,
        decision.refused().size(),
        decision.accepted().size(),
        names);
  }
}
