package io.splitflow.tools.it;

/** Hand-written sensor readings for the integration tests. */
final class Readings {
  static final String DAY = "2026-11-27";

  private Readings() {}

  static String key(String sensor) {
    return sensor + "|" + DAY;
  }

  static String json(String sensor, Double value, String unit, String time) {
    return "{\"sensor_id\":\""
        + sensor
        + "\",\"reading_date\":\""
        + DAY
        + "\",\"value\":"
        + value
        + ",\"unit\":"
        + (unit == null ? "null" : "\"" + unit + "\"")
        + ",\"event_time\":\""
        + DAY
        + "T"
        + time
        + "Z\"}";
  }
}
