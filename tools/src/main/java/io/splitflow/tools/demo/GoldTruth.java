package io.splitflow.tools.demo;

import io.splitflow.tools.generate.Expectation;
import io.splitflow.tools.generate.orders.OrderGenerator;
import io.splitflow.tools.generate.orders.Orders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the demo's generator says gold must hold, for the demo's checks; one per kind of data. */
interface GoldTruth {

  /** Expected rows gold lacks (or holds with other values), and rows gold should not hold. */
  record Diff(long missing, long unexpected) {}

  String goldCheckName();

  /** Gold's business columns, in the order {@link #diff} reads them. */
  List<String> businessColumns();

  long invalidRecords();

  /** How many rows visible gold must hold: one per key. */
  int keys();

  Diff diff(SparkSession spark, Dataset<Row> visibleGold);

  /** The sensor readings: gold holds the latest reading per sensor and day. */
  static GoldTruth readings(Expectation expectation) {
    return new GoldTruth() {
      @Override
      public String goldCheckName() {
        return "gold = latest reading per key";
      }

      @Override
      public List<String> businessColumns() {
        return List.of("sensor_id", "reading_date", "value", "unit", "event_time");
      }

      @Override
      public long invalidRecords() {
        return expectation.invalidRecords();
      }

      @Override
      public int keys() {
        return expectation.latestPerKey().size();
      }

      @Override
      public Diff diff(SparkSession spark, Dataset<Row> visibleGold) {
        Dataset<Row> expected = expectation.expectedGold(spark);
        return new Diff(expected.except(visibleGold).count(), visibleGold.except(expected).count());
      }
    };
  }

  /**
   * The nested orders: gold holds the newest valid version of each order, compared value for value
   * (structs, arrays, maps and decimals) with the generator's own model.
   */
  static GoldTruth orders(OrderGenerator.Generated generated) {
    return new GoldTruth() {
      @Override
      public String goldCheckName() {
        return "gold = newest valid version per order, value for value";
      }

      @Override
      public List<String> businessColumns() {
        return List.of(Orders.COLUMNS);
      }

      @Override
      public long invalidRecords() {
        return generated.invalid();
      }

      @Override
      public int keys() {
        return generated.newest().size();
      }

      @Override
      public Diff diff(SparkSession spark, Dataset<Row> visibleGold) {
        Map<Long, List<Object>> gold = new HashMap<>();
        for (Row row : visibleGold.collectAsList()) {
          gold.put(row.getAs("order_id"), Orders.columns(row));
        }
        long missing = 0;
        for (var entry : generated.newest().entrySet()) {
          if (!Objects.equals(gold.get(entry.getKey()), Orders.expected(entry.getValue()))) {
            missing++;
          }
        }
        long unexpected = 0;
        for (var entry : gold.entrySet()) {
          Orders.Order order = generated.newest().get(entry.getKey());
          if (order == null || !Orders.expected(order).equals(entry.getValue())) {
            unexpected++;
          }
        }
        return new Diff(missing, unexpected);
      }
    };
  }
}
