package io.splitflow.deserialize.evolution;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.table.TableRef;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.common.trigger.TriggerSpec;
import io.splitflow.deserialize.DeserializeJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;

/**
 * A lake in a temporary directory with one dataset {@code d}: raw rows appended by the test, and
 * deserialize-job run over them with {@code --trigger available-now}, as in production.
 */
final class Lake {
  static final Timestamp T0 = Timestamp.from(Instant.parse("2026-11-27T00:00:00Z"));

  private final SparkSession spark = SparkTestSession.get();
  private final Path dir;
  private final String datasetYaml;
  private long nextOffset;

  /** {@code datasetYaml}: the keys of dataset {@code d}, indented by four spaces. */
  Lake(Path dir, String datasetYaml) {
    this.dir = dir;
    this.datasetYaml = datasetYaml;
  }

  SplitflowConfig config() {
    String yaml =
        "kafka: { bootstrap-servers: \"k:9092\" }\n"
            + "lake: { root: \""
            + dir.resolve("lake")
            + "\" }\n"
            + "datasets:\n"
            + "  d:\n"
            + "    topic: t\n"
            + datasetYaml;
    return ConfigLoader.parse(yaml, List.of(), Map.of(), dir);
  }

  DatasetConfig dataset() {
    return config().dataset("d");
  }

  JobContext context() {
    return new JobContext(config(), dataset(), JobName.DESERIALIZE, new TriggerSpec.AvailableNow());
  }

  TableRef table(TableLayer layer) {
    return dataset().table(layer);
  }

  /** Appends JSON values to raw, one Kafka record each, at the next offsets. */
  void produce(String... jsonValues) {
    List<byte[]> values = new ArrayList<>();
    for (String json : jsonValues) {
      values.add(json.getBytes(StandardCharsets.UTF_8));
    }
    produce(values);
  }

  void produce(List<byte[]> values) {
    List<Row> rows = new ArrayList<>();
    for (byte[] value : values) {
      rows.add(
          RowFactory.create(
              null,
              value,
              "t",
              0,
              nextOffset++,
              T0,
              0,
              List.of(),
              T0,
              Date.valueOf(LocalDate.of(2026, 11, 27))));
    }
    spark
        .createDataFrame(rows, TableSchemas.raw())
        .repartition(2)
        .write()
        .format("delta")
        .mode("append")
        .partitionBy("ingest_date")
        .save(table(TableLayer.RAW).path());
  }

  /** Runs deserialize-job until raw is drained; throws what failed the query. */
  void deserialize() throws TimeoutException, StreamingQueryException {
    StreamingQuery query = new DeserializeJob().start(spark, context());
    query.awaitTermination();
  }

  Dataset<Row> bronze() {
    return table(TableLayer.BRONZE).read(spark);
  }

  Dataset<Row> deadLetters() {
    return table(TableLayer.DEAD_LETTER).read(spark);
  }

  long version(TableLayer layer) {
    return table(layer).deltaTable(spark).history(1).first().getLong(0);
  }

  Path checkpoint() {
    return Path.of(context().checkpoint());
  }
}
