package io.splitflow.tools.soak;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.tools.audit.AuditResult;
import io.splitflow.tools.audit.PartitionBooks;
import io.splitflow.tools.generate.Expectation;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The soak's exact end-to-end counts, against what the generator knows it produced. */
final class SoakChecks {
  private static final String[] BUSINESS = {
    "sensor_id", "reading_date", "value", "unit", "event_time"
  };

  record Check(String name, boolean passed, String detail) {}

  private SoakChecks() {}

  /** Heap after GC may grow this much from the warm point before the soak calls it a leak. */
  static final long HEAP_SLACK_BYTES = 64L << 20;

  /**
   * Heap in use after a full GC at the end against the warm point (minute 1): the jobs' resident
   * state (Delta snapshots that grow with each commit, Spark's caches) may grow a little; more than
   * half the warm heap and more than {@link #HEAP_SLACK_BYTES} is a leak.
   */
  static Check heap(long warmBytes, long endBytes) {
    long growth = endBytes - warmBytes;
    boolean passed = growth <= Math.max(HEAP_SLACK_BYTES, warmBytes / 2);
    return new Check(
        "heap after GC at the end within half of minute 1's (or 64 MiB)",
        passed,
        String.format(
            "%d MiB at minute 1, %d MiB at the end (%+d MiB)",
            warmBytes >> 20, endBytes >> 20, growth >> 20));
  }

  static List<Check> run(
      SparkSession spark,
      DatasetConfig dataset,
      long produced,
      Expectation expectation,
      AuditResult audit) {
    long raw = dataset.table(TableLayer.RAW).read(spark).count();
    long bronze = dataset.table(TableLayer.BRONZE).read(spark).count();
    long dead = dataset.table(TableLayer.DEAD_LETTER).read(spark).count();
    Dataset<Row> gold = current(dataset.table(TableLayer.GOLD).read(spark)).selectExpr(BUSINESS);
    Dataset<Row> expected = expectation.expectedGold(spark);
    long goldRows = gold.count();
    long missing = expected.except(gold).count();
    long unexpected = gold.except(expected).count();
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check("raw = produced", raw == produced, raw + " raw rows, " + produced + " produced"));
    checks.add(
        new Check(
            "raw = bronze + dead-letter",
            raw == bronze + dead,
            raw + " = " + bronze + " + " + dead));
    checks.add(
        new Check(
            "dead letters = bad records produced",
            dead == expectation.invalidRecords(),
            dead + " dead letters, " + expectation.invalidRecords() + " bad records produced"));
    checks.add(
        new Check(
            "gold = latest reading per key",
            missing == 0 && unexpected == 0 && goldRows == expectation.keys(),
            goldRows
                + " gold rows for "
                + expectation.keys()
                + " keys; "
                + missing
                + " expected rows missing, "
                + unexpected
                + " unexpected"));
    checks.add(
        new Check(
            "audit balanced",
            audit.balanced(),
            audit.gaps()
                + " gaps, "
                + audit.total(PartitionBooks::duplicates)
                + " duplicates, "
                + audit.total(PartitionBooks::pending)
                + " pending; gold "
                + audit.gold().present()
                + " of "
                + audit.gold().expected()
                + " keys present"));
    return checks;
  }

  /** Gold as consumers see it: current versions (scd2), deletes hidden. */
  private static Dataset<Row> current(Dataset<Row> gold) {
    List<String> columns = List.of(gold.columns());
    Dataset<Row> visible = gold;
    if (columns.contains("_is_current")) {
      visible = visible.where(col("_is_current"));
    }
    return visible.where(not(coalesce(col(TableSchemas.DELETED), lit(false))));
  }
}
