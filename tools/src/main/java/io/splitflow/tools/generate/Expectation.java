package io.splitflow.tools.generate;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The truth about what a generator emitted: how many messages of each kind, and for every merge key
 * the reading the gold table must end up holding.
 */
public final class Expectation {

  private final Map<MessageKind, Long> counts = new EnumMap<>(MessageKind.class);
  private final Map<ReadingKey, Reading> latest = new HashMap<>();

  public long count(MessageKind kind) {
    return counts.getOrDefault(kind, 0L);
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every message that decodes into a reading: VALID + DUPLICATE + LATE. */
  public long validRecords() {
    return count(MessageKind.VALID) + count(MessageKind.DUPLICATE) + count(MessageKind.LATE);
  }

  /** Every message the deserialize job must reject: MALFORMED + MISSING_FIELD + WRONG_TYPE. */
  public long invalidRecords() {
    return count(MessageKind.MALFORMED)
        + count(MessageKind.MISSING_FIELD)
        + count(MessageKind.WRONG_TYPE);
  }

  /** Per merge key the reading with the greatest event_time; an unmodifiable live view. */
  public Map<ReadingKey, Reading> latestPerKey() {
    return Collections.unmodifiableMap(latest);
  }

  /** Number of distinct merge keys that have at least one valid reading. */
  public int keys() {
    return latest.size();
  }

  /** The newest reading of a key so far, or null. */
  Reading latest(ReadingKey key) {
    return latest.get(key);
  }

  /** Counts a message; a decoded reading replaces its key's latest only if strictly newer. */
  void record(MessageKind kind, Reading decoded) {
    counts.merge(kind, 1L, Long::sum);
    if (decoded != null) {
      latest.merge(
          decoded.key(),
          decoded,
          (old, neu) -> neu.eventTime().isAfter(old.eventTime()) ? neu : old);
    }
  }

  @Override
  public String toString() {
    return "Expectation" + counts + ", keys=" + latest.size();
  }

  /** The gold rows the generated readings must end up as: the latest reading per key. */
  public Dataset<Row> expectedGold(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("sensor_id", DataTypes.StringType)
            .add("reading_date", DataTypes.DateType)
            .add("value", DataTypes.DoubleType)
            .add("unit", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    for (Reading reading : latestPerKey().values()) {
      rows.add(
          RowFactory.create(
              reading.sensorId(),
              Date.valueOf(reading.readingDate()),
              reading.value(),
              reading.unit(),
              Timestamp.from(reading.eventTime())));
    }
    return spark.createDataFrame(rows, schema);
  }
}
