package io.splitflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.ConfigLoader;
import io.splitflow.common.config.DatasetConfig;
import io.splitflow.common.config.SplitflowConfig;
import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobContext;
import io.splitflow.common.job.JobName;
import io.splitflow.common.table.TableInitializer;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.common.trigger.TriggerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job as deployed: config from YAML, a Delta stream on bronze, SCD2 into gold, events. */
class MergeJobStreamTest {
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path lake;

  private JobContext context() {
    String yaml =
        """
        kafka: { bootstrap-servers: "localhost:9092" }
        lake: { root: "%s" }
        datasets:
          readings:
            topic: readings
            fields:
              - { name: id, type: string, required: true }
              - { name: value, type: double }
              - { name: seq, type: timestamp, required: true }
            merge: { mode: scd2, keys: [id], sequence-by: [seq] }
        """
            .formatted(lake);
    SplitflowConfig config = ConfigLoader.parse(yaml, List.of(), Map.of());
    return new JobContext(
        config, config.datasets().get("readings"), JobName.MERGE, new TriggerSpec.AvailableNow());
  }

  @Test
  void availableNowRunMergesBronzeIntoScd2GoldAndRecordsTheBatch() throws Exception {
    JobContext context = context();
    DatasetConfig dataset = context.dataset();
    TableInitializer.ensure(
        spark, context.table(TableLayer.BRONZE), new BronzeFixtures().schema(), null, Map.of());
    context
        .table(TableLayer.BRONZE)
        .append(
            new BronzeFixtures()
                .add("a", 1.0, 10, 1)
                .add("a", 2.0, 20, 2)
                .tombstone("b", 5, 3)
                .toDataset(spark)
                .write());

    StreamingQuery query = new MergeJob().start(spark, context);
    query.awaitTermination();

    List<Row> gold =
        context.table(TableLayer.GOLD).read(spark).orderBy("id", "_sequence").collectAsList();
    assertThat(HistoryRows.describe(gold))
        .containsExactly(
            "a value=1.0 [10,20)", "a value=2.0 [20,) current", "b value=null [5,) deleted");
    Row event = context.table(TableLayer.MERGE_EVENTS).read(spark).first();
    assertThat(event.<String>getAs("dataset")).isEqualTo(dataset.name());
    assertThat(event.<String>getAs("mode")).isEqualTo("scd2");
    assertThat(event.<Long>getAs("input_rows")).isEqualTo(3L);
    assertThat(event.<String>getAs("app_id")).isEqualTo(context.txnAppId(query.id().toString()));
  }
}
