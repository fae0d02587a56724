package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class MergeJobIT {
  @TempDir Path lake;

  @Test
  void mergingSeveralBronzeCommitsAtOnceKeepsTheLatestVersionPerKey() throws Exception {
    Pipeline p = new Pipeline(lake);
    p.produce(
        List.of(
            p.record(key("a"), json("a", 1.0, "C", "10:00:00.000")),
            p.record(key("b"), json("b", 1.0, "C", "10:00:00.000"))));
    p.run(JobName.INGEST);
    p.run(JobName.DESERIALIZE);
    p.produce(
        List.of(
            p.record(key("a"), json("a", 2.0, "C", "10:05:00.000")),
            p.record(key("a"), json("a", 1.5, "C", "10:01:00.000")),
            p.record(key("b"), json("b", 0.5, "C", "09:59:00.000"))));
    p.run(JobName.INGEST);
    p.run(JobName.DESERIALIZE);

    p.run(JobName.MERGE); // one batch over both bronze commits

    List<Row> gold = p.table(TableLayer.GOLD).orderBy("sensor_id").collectAsList();
    assertThat(gold)
        .extracting(r -> r.getAs("sensor_id"), r -> r.getAs("value"))
        .containsExactly(tuple("a", 2.0), tuple("b", 1.0));
    assertThat(gold)
        .allSatisfy(
            r -> {
              assertThat(r.<String>getAs("_row_hash")).hasSize(64);
              assertThat(r.<Row>getAs("_sequence").<Long>getAs("_offset")).isNotNull();
              assertThat(r.<Object>getAs("_updated_at")).isNotNull();
            });

    long version =
        p.dataset.table(TableLayer.GOLD).deltaTable(p.spark).history(1).head().getLong(0);
    p.run(JobName.MERGE);
    assertThat(p.dataset.table(TableLayer.GOLD).deltaTable(p.spark).history(1).head().getLong(0))
        .as("a run with no new bronze rows commits nothing")
        .isEqualTo(version);
  }

  @Test
  void startingBeforeDeserializeFailsNamingTheMissingTable() throws Exception {
    Pipeline p = new Pipeline(lake);
    p.run(JobName.INGEST);

    assertThatThrownBy(() -> p.run(JobName.MERGE))
        .hasMessageContaining(
            "input table "
                + p.dataset.table(TableLayer.BRONZE)
                + " does not exist yet; run deserialize-job");
  }
}
