package io.splitflow.deserialize.rules;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;

/** Java rules, good and bad, loaded by class name as a configuration would name them. */
public final class TestRules {
  private TestRules() {}

  /** A column rule and a UDF together: ids look like s-<digits>, and s-0 is retired. */
  public static final class KnownSensor implements BronzeRule {
    @Override
    public Column passes() {
      UserDefinedFunction wellFormed =
          functions.udf(
              (UDF1<String, Boolean>) id -> id != null && id.matches("s-[0-9]+"),
              DataTypes.BooleanType);
      return wellFormed.apply(col("sensor_id")).and(col("sensor_id").notEqual("s-0"));
    }
  }

  /** Counts how often Spark evaluates it, to prove the rows are read once. */
  public static final class CountingRule implements BronzeRule {
    static LongAccumulator calls;

    @Override
    public Column passes() {
      LongAccumulator counter = calls;
      UserDefinedFunction positive =
          functions.udf(
              (UDF1<Double, Boolean>)
                  reading -> {
                    counter.add(1);
                    return reading != null && reading > 0;
                  },
              DataTypes.BooleanType);
      return positive.apply(col("reading"));
    }
  }

  public static final class NotARule {}

  public static final class FailingConstructor implements BronzeRule {
    public FailingConstructor() {
      throw new IllegalStateException("no sensor registry configured");
    }

    @Override
    public Column passes() {
      return functions.lit(true);
    }
  }

  public static final class NeedsArgument implements BronzeRule {
    public NeedsArgument(String registry) {}

    @Override
    public Column passes() {
      return functions.lit(true);
    }
  }

  public static final class UnknownColumn implements BronzeRule {
    @Override
    public Column passes() {
      return col("sensor").isNotNull();
    }
  }

  public static final class NotBoolean implements BronzeRule {
    @Override
    public Column passes() {
      return col("sensor_id");
    }
  }
}
