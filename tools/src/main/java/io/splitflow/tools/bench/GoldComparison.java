package io.splitflow.tools.bench;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.schema.TableSchemas;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The split and the monolith must agree on gold, or comparing their speed means nothing: every
 * column but the write time, both ways.
 */
final class GoldComparison {
  private GoldComparison() {}

  static Map<String, Object> of(SparkSession spark, JobContext split, JobContext monolith) {
    Dataset<Row> a = comparable(split.table(TableLayer.GOLD).read(spark));
    Dataset<Row> b = comparable(monolith.table(TableLayer.GOLD).read(spark));
    long rows = a.count();
    long onlySplit = a.exceptAll(b).count();
    long onlyMonolith = b.exceptAll(a).count();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("gold_rows", rows);
    details.put("gold_rows_only_in_split", onlySplit);
    details.put("gold_rows_only_in_monolith", onlyMonolith);
    details.put("gold_matches_split", onlySplit == 0 && onlyMonolith == 0);
    return details;
  }

  private static Dataset<Row> comparable(Dataset<Row> gold) {
    String[] columns =
        Arrays.stream(gold.columns())
            .filter(c -> !c.equals(TableSchemas.UPDATED_AT))
            .toArray(String[]::new);
    return gold.selectExpr(Arrays.stream(columns).map(c -> "`" + c + "`").toArray(String[]::new));
  }
}
