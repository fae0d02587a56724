package io.splitflow.microbench;

import static org.apache.spark.sql.functions.col;

import io.splitflow.deserialize.rules.BronzeRule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * A Java rule that needs a UDF, the costly kind: the sensor's number, parsed, is one of the fleet's
 * (the generator's sensors are 1 to 1,000).
 */
public final class InFleetRule implements BronzeRule {
  static final int FLEET = 1_000;
  private static final String PREFIX = "sensor-";

  @Override
  public Column passes() {
    UserDefinedFunction inFleet =
        functions.udf((UDF1<String, Boolean>) InFleetRule::inFleet, DataTypes.BooleanType);
    return inFleet.apply(col("sensor_id"));
  }

  static Boolean inFleet(String sensorId) {
    if (sensorId == null || !sensorId.startsWith(PREFIX)) {
      return false;
    }
    try {
      int number = Integer.parseInt(sensorId.substring(PREFIX.length()));
      return number >= 1 && number <= FLEET;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
