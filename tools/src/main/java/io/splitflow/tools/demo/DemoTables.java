package io.splitflow.tools.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.not;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.tools.generate.Expectation;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/** Reads the demo's tables back and checks them against the generator's expectation. */
final class DemoTables {
  private static final String SCD2_CURRENT = "_is_current";
  private static final String[] BUSINESS = {
    "sensor_id", "reading_date", "value", "unit", "event_time"
  };
  private final SparkSession spark;
  private final DatasetConfig dataset;

  DemoTables(SparkSession spark, DatasetConfig dataset) {
    this.spark = spark;
    this.dataset = dataset;
  }

  Dataset<Row> table(TableLayer layer) {
    return dataset.table(layer).read(spark);
  }

  long rawCount() {
    return table(TableLayer.RAW).count();
  }

  long bronzeCount() {
    return table(TableLayer.BRONZE).count();
  }

  DemoSummary summarize(
      long produced, Expectation expectation, List<DemoSummary.JobTiming> timings, String lake) {
    long raw = rawCount();
    long bronze = bronzeCount();
    Dataset<Row> deadLetters = table(TableLayer.DEAD_LETTER);
    long dead = deadLetters.count();
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (Row row :
        deadLetters.groupBy("error_class").count().orderBy(desc("count")).collectAsList()) {
      byReason.put(row.getString(0), row.getLong(1));
    }
    Dataset<Row> gold =
        current(table(TableLayer.GOLD))
            .select(BUSINESS[0], BUSINESS[1], BUSINESS[2], BUSINESS[3], BUSINESS[4]);
    long goldCount = gold.count();
    Dataset<Row> expected = expectation.expectedGold(spark);
    long missing = expected.except(gold).count();
    long unexpected = gold.except(expected).count();

    List<DemoSummary.Check> checks = new ArrayList<>();
    checks.add(
        check("raw = produced", raw == produced, raw + " raw rows, " + produced + " produced"));
    checks.add(
        check(
            "raw = bronze + dead-letter",
            raw == bronze + dead,
            raw + " = " + bronze + " + " + dead));
    checks.add(
        check(
            "dead letters = bad records produced",
            dead == expectation.invalidRecords(),
            dead + " dead letters, " + expectation.invalidRecords() + " bad records produced"));
    checks.add(
        check(
            "gold = latest reading per key",
            missing == 0 && unexpected == 0 && goldCount == expectation.latestPerKey().size(),
            goldCount
                + " gold rows for "
                + expectation.latestPerKey().size()
                + " keys; "
                + missing
                + " expected rows missing, "
                + unexpected
                + " unexpected"));

    List<Map<String, Object>> sample = new ArrayList<>();
    for (Row row : gold.orderBy(col("sensor_id"), col("reading_date")).limit(5).collectAsList()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < BUSINESS.length; i++) {
        Object value = row.get(i);
        if (value instanceof Timestamp timestamp) {
          value = timestamp.toInstant().toString();
        } else if (value != null && !(value instanceof Number)) {
          value = value.toString();
        }
        values.put(BUSINESS[i], value);
      }
      sample.add(values);
    }
    return new DemoSummary(
        produced,
        raw,
        bronze,
        dead,
        byReason,
        goldCount,
        expectation.latestPerKey().size(),
        sample,
        history(2),
        mergeEvents(),
        timings,
        checks,
        lake);
  }

  /** Gold as consumers see it: current versions (scd2), deletes hidden. */
  static Dataset<Row> current(Dataset<Row> gold) {
    List<String> columns = List.of(gold.columns());
    Dataset<Row> visible = gold;
    if (columns.contains(SCD2_CURRENT)) {
      visible = visible.where(col(SCD2_CURRENT));
    }
    if (columns.contains(TableSchemas.DELETED)) {
      visible = visible.where(not(col(TableSchemas.DELETED)));
    }
    return visible;
  }

  /** In scd2, the full history of a few keys that have several versions; empty in scd1. */
  List<Map<String, Object>> history(int keys) {
    Dataset<Row> gold = table(TableLayer.GOLD);
    if (!List.of(gold.columns()).contains(SCD2_CURRENT)) {
      return List.of();
    }
    Dataset<Row> chosen =
        gold.groupBy("sensor_id", "reading_date")
            .count()
            .where(col("count").gt(2))
            .orderBy("sensor_id", "reading_date")
            .limit(keys)
            .drop("count");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row row :
        gold.join(
                chosen, CollectionConverters.asScala(List.of("sensor_id", "reading_date")).toSeq())
            .orderBy("sensor_id", "reading_date", "_valid_from")
            .select("sensor_id", "reading_date", "value", "_valid_from", "_valid_to", "_is_current")
            .collectAsList()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (String field : row.schema().fieldNames()) {
        values.put(field, printable(row.getAs(field)));
      }
      rows.add(values);
    }
    return rows;
  }

  /** What each merge batch did, from the merge-events table merge-job keeps. */
  List<Map<String, Object>> mergeEvents() {
    if (!dataset.table(TableLayer.MERGE_EVENTS).exists(spark)) {
      return List.of();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    Dataset<Row> events = table(TableLayer.MERGE_EVENTS);
    for (Row row : events.orderBy("batch_id").collectAsList()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (String field : row.schema().fieldNames()) {
        if (!List.of("dataset", "app_id", "operation_metrics").contains(field)) {
          values.put(field, printable(row.getAs(field)));
        }
      }
      rows.add(values);
    }
    return rows;
  }

  private static Object printable(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    return value == null || value instanceof Number || value instanceof Boolean
        ? value
        : value.toString();
  }

  private static DemoSummary.Check check(String name, boolean passed, String detail) {
    return new DemoSummary.Check(name, passed, detail);
  }
}
