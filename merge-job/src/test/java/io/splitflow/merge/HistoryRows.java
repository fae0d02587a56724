package io.splitflow.merge;

import io.splitflow.common.schema.TableSchemas;
import io.splitflow.merge.gold.GoldSchemas;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;

/** Gold rows written compactly for assertions: {@code a value=1.0 [10,20) current}. */
public final class HistoryRows {
  private HistoryRows() {}

  public static List<String> describe(List<Row> rows) {
    return rows.stream().map(HistoryRows::describe).toList();
  }

  public static String describe(Row row) {
    StringBuilder text = new StringBuilder(row.<String>getAs("id"));
    for (String field : row.schema().fieldNames()) {
      if (!field.startsWith("_") && !field.equals("id") && !field.equals("seq")) {
        text.append(' ').append(field).append('=').append(row.<Object>getAs(field));
      }
    }
    text.append(" [")
        .append(seconds(row.getAs(GoldSchemas.VALID_FROM)))
        .append(',')
        .append(
            row.isNullAt(row.fieldIndex(GoldSchemas.VALID_TO))
                ? ""
                : seconds(row.getAs(GoldSchemas.VALID_TO)))
        .append(')');
    if (row.<Boolean>getAs(GoldSchemas.IS_CURRENT)) {
      text.append(" current");
    }
    if (row.<Boolean>getAs(TableSchemas.DELETED)) {
      text.append(" deleted");
    }
    return text.toString();
  }

  private static long seconds(Timestamp timestamp) {
    return timestamp.getTime() / 1000 - BronzeFixtures.seq(0).getTime() / 1000;
  }
}
