package io.splitflow.tools.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.not;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.schema.TableSchemas;
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
  private final SparkSession spark;
  private final DatasetConfig dataset;
  private final GoldTruth truth;

  DemoTables(SparkSession spark, DatasetConfig dataset, GoldTruth truth) {
    this.spark = spark;
    this.dataset = dataset;
    this.truth = truth;
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

  DemoSummary summarize(long produced, List<DemoSummary.JobTiming> timings, String lake) {
    long raw = rawCount();
    long bronze = bronzeCount();
    Dataset<Row> deadLetters = table(TableLayer.DEAD_LETTER);
    long dead = deadLetters.count();
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (Row row :
        deadLetters.groupBy("error_class").count().orderBy(desc("count")).collectAsList()) {
      byReason.put(row.getString(0), row.getLong(1));
    }
    List<String> business = truth.businessColumns();
    Dataset<Row> gold =
        current(table(TableLayer.GOLD))
            .select(
                business.stream()
                    .map(org.apache.spark.sql.functions::col)
                    .toArray(org.apache.spark.sql.Column[]::new));
    long goldCount = gold.count();
    GoldTruth.Diff diff = truth.diff(spark, gold);
    long missing = diff.missing();
    long unexpected = diff.unexpected();

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
            dead == truth.invalidRecords(),
            dead + " dead letters, " + truth.invalidRecords() + " bad records produced"));
    checks.add(
        check(
            truth.goldCheckName(),
            missing == 0 && unexpected == 0 && goldCount == truth.keys(),
            goldCount
                + " gold rows for "
                + truth.keys()
                + " keys; "
                + missing
                + " expected rows missing, "
                + unexpected
                + " unexpected"));

    List<Map<String, Object>> sample = new ArrayList<>();
    for (Row row : gold.orderBy(col(business.get(0))).limit(5).collectAsList()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < business.size(); i++) {
        Object value = row.get(i);
        if (value instanceof Timestamp timestamp) {
          value = timestamp.toInstant().toString();
        } else if (value != null && !(value instanceof Number)) {
          value = value.toString();
        }
        values.put(business.get(i), value);
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
        truth.keys(),
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
    if (!List.of(gold.columns()).contains(SCD2_CURRENT)
        || !List.of(gold.columns()).contains("sensor_id")) {
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
