package io.splitflow.deserialize.rules;

import org.apache.spark.sql.Column;

/**
 * A rule written in Java, for checks that SQL cannot express. Configured by class name:
 *
 * <pre>{@code
 * rules:
 *   - name: known_sensor
 *     class: com.acme.KnownSensorRule
 *     action: warn
 * }</pre>
 *
 * <p>The rule returns a boolean {@link Column}, true for rows that pass, so it is evaluated in the
 * same projection as the SQL rules. Prefer {@link org.apache.spark.sql.functions}, which Spark runs
 * column-wise; wrap a UDF only for logic they cannot express:
 *
 * <pre>{@code
 * public final class KnownSensorRule implements BronzeRule {
 *   private static final Set<String> RETIRED = Set.of("s-0001", "s-0042");
 *
 *   public Column passes() {
 *     UserDefinedFunction checksumOk =
 *         functions.udf((UDF1<String, Boolean>) KnownSensorRule::checksumOk, DataTypes.BooleanType);
 *     return col("sensor_id").rlike("^s-[0-9]{4}$")
 *         .and(not(col("sensor_id").isin(RETIRED.toArray())))
 *         .and(checksumOk.apply(col("sensor_id")));
 *   }
 *
 *   static boolean checksumOk(String id) { ... }
 * }
 * }</pre>
 *
 * <p>The class needs a public no-argument constructor; it is created once, on the driver, when the
 * rules are compiled, and {@link #passes()} is called once then. A UDF's function is shipped to the
 * executors, so it must be serializable (a static method reference or a lambda that captures
 * nothing unserializable). A NULL result counts as a failure, as for SQL rules.
 */
public interface BronzeRule {
  /**
   * A boolean condition over the row's columns (the dataset's typed fields, by name), true for rows
   * that pass. It must work one row at a time: no aggregate, window or generator functions.
   */
  Column passes();
}
