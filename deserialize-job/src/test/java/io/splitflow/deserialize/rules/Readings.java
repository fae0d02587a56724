package io.splitflow.deserialize.rules;

import io.splitflow.common.testing.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Decoded sensor readings as the rules see them: raw bytes next to the typed fields. */
final class Readings {
  static final StructType SCHEMA =
      new StructType()
          .add("key", DataTypes.BinaryType)
          .add("value", DataTypes.BinaryType)
          .add("sensor_id", DataTypes.StringType)
          .add("reading", DataTypes.DoubleType)
          .add("offset", DataTypes.LongType);

  private Readings() {}

  static Row reading(String sensorId, Double reading, long offset) {
    byte[] value =
        ("{\"sensor_id\":\"" + sensorId + "\",\"reading\":" + reading + "}")
            .getBytes(StandardCharsets.UTF_8);
    return RowFactory.create(
        sensorId.getBytes(StandardCharsets.UTF_8), value, sensorId, reading, offset);
  }

  static Dataset<Row> of(Row... rows) {
    return SparkTestSession.get().createDataFrame(Arrays.asList(rows), SCHEMA);
  }

  static RuleSet compile(RuleSpec... specs) {
    return RuleSet.compile(SparkTestSession.get(), List.of(specs), SCHEMA);
  }

  static List<Long> offsets(Dataset<Row> rows) {
    return rows.orderBy("offset").collectAsList().stream()
        .map(r -> r.<Long>getAs("offset"))
        .toList();
  }

  static String text(Row row, String column) {
    return new String((byte[]) row.getAs(column), StandardCharsets.UTF_8);
  }
}
