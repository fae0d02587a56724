package io.splitflow.deserialize.evolution;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.SparkTypes;
import io.splitflow.common.table.DeltaCommits;
import io.splitflow.common.table.TableRef;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The columns bronze has beyond a dataset's declared fields, read from the Delta table. */
public final class BronzeColumns {

  /**
   * Names a discovered field may have: those a declared field may have (letters, digits and _,
   * starting with a letter). Names starting with _ are splitflow's; others may not be valid Delta
   * column names, or would need quoting in rules.
   */
  static final Pattern NAME = SparkTypes.ADDED_NAME;

  /** How many of bronze's latest commits to search for a re-run batch's own. */
  static final int LOOKBACK = 20;

  private BronzeColumns() {}

  /** Bronze's current schema, or an empty one if the table does not exist yet. */
  public static StructType current(SparkSession spark, TableRef bronze) {
    return bronze.exists(spark) ? bronze.read(spark).schema() : new StructType();
  }

  /**
   * Bronze's schema before {@code origin}'s own commit, when that commit is among bronze's latest
   * (the batch is a re-run); empty when the batch has not written bronze yet.
   */
  static Optional<StructType> beforeBatch(SparkSession spark, TableRef bronze, BatchOrigin origin) {
    if (!bronze.exists(spark)) {
      return Optional.empty();
    }
    return DeltaCommits.findTransaction(
            DeltaCommits.log(spark, bronze), LOOKBACK, origin.txnAppId(), origin.batchId())
        .map(commit -> schemaAt(spark, bronze, commit.version() - 1));
  }

  private static StructType schemaAt(SparkSession spark, TableRef bronze, long version) {
    if (version < 0) {
      return new StructType();
    }
    DataFrameReader reader = spark.read().format("delta").option("versionAsOf", version);
    return (bronze.isPath() ? reader.load(bronze.path()) : reader.table(bronze.name())).schema();
  }

  /**
   * The columns of {@code bronze} that are not declared fields (by name, without case) nor
   * splitflow's, as optional fields in bronze's order. A column of a type no field can have (not
   * added by splitflow) is left out: appends leave it null.
   */
  public static List<FieldSpec> extras(List<FieldSpec> declared, StructType bronze) {
    return SparkTypes.addedColumns(declared, bronze);
  }
}
