package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class DeserializeJobIT {
  @TempDir Path lake;

  @Test
  void validRecordsReachBronzeTypedAndEveryFailureIsADeadLetterNamingTheField() throws Exception {
    Pipeline pipeline = new Pipeline(lake);
    String malformed = "{\"sensor_id\":\"s3\",";
    pipeline.produce(
        List.of(
            pipeline.record(key("s1"), json("s1", 21.5, "C", "08:00:00.000")),
            pipeline.record(key("s2"), json("s2", null, null, "08:00:01.000")),
            pipeline.record(key("s3"), malformed),
            pipeline.record(
                key("s4"), "{\"sensor_id\":\"s4\",\"reading_date\":\"2026-11-27\",\"value\":1.0}"),
            pipeline.record(
                key("s5"),
                json("s5", 1.0, "C", "08:00:00").replace("\"value\":1.0", "\"value\":\"abc\"")),
            pipeline.record(
                key("s6"),
                json("s6", 1.0, "C", "08:00:00").replace("2026-11-27\"", "27/11/2026\"")),
            pipeline.record(key("s7"), null)));
    pipeline.run(JobName.INGEST);

    pipeline.run(JobName.DESERIALIZE);

    List<Row> bronze = pipeline.table(TableLayer.BRONZE).orderBy("sensor_id").collectAsList();
    assertThat(bronze)
        .extracting(
            r -> r.getAs("sensor_id"),
            r -> r.getAs("reading_date").toString(),
            r -> r.getAs("value"),
            r -> r.getAs("unit"),
            r -> r.getAs("event_time"),
            r -> r.getAs("_deleted"))
        .containsExactly(
            tuple(
                "s1",
                "2026-11-27",
                21.5,
                "C",
                Timestamp.from(Instant.parse("2026-11-27T08:00:00Z")),
                false),
            tuple(
                "s2",
                "2026-11-27",
                null,
                null,
                Timestamp.from(Instant.parse("2026-11-27T08:00:01Z")),
                false),
            // the tombstone: a delete of the key its Kafka key names
            tuple("s7", "2026-11-27", null, null, null, true));
    Row source = bronze.get(0).getAs("_source");
    assertThat(source.<String>getAs("topic")).isEqualTo(pipeline.topic);
    assertThat(bronze.get(0).<Timestamp>getAs("_ingested_at")).isNotNull();
    assertThat(bronze.get(0).<Timestamp>getAs("_deserialized_at")).isNotNull();

    List<Row> dead =
        pipeline.table(TableLayer.DEAD_LETTER).orderBy("partition", "offset").collectAsList();
    assertThat(dead).hasSize(4);
    assertThat(dead)
        .allSatisfy(
            r -> {
              assertThat(r.<String>getAs("stage")).isEqualTo("decode");
              assertThat(r.<String>getAs("job_version")).isNotBlank();
              assertThat(r.<String>getAs("topic")).isEqualTo(pipeline.topic);
              assertThat(r.<Object>getAs("failed_date")).isNotNull();
            });
    assertThat(dead)
        .extracting(
            r -> new String((byte[]) r.getAs("key"), StandardCharsets.UTF_8),
            r -> r.getAs("error_class"))
        .containsExactlyInAnyOrder(
            tuple(key("s3"), "MALFORMED_JSON"),
            tuple(key("s4"), "MISSING_FIELD"),
            tuple(key("s5"), "WRONG_TYPE"),
            tuple(key("s6"), "WRONG_TYPE"));
    assertThat(messageFor(dead, "s4")).contains("'event_time'");
    assertThat(messageFor(dead, "s5")).contains("'value'").contains("\"abc\"");
    assertThat(messageFor(dead, "s6")).contains("'reading_date'").contains("27/11/2026");
    Row malformedRow =
        dead.stream().filter(r -> keyOf(r).equals(key("s3"))).findFirst().orElseThrow();
    assertThat(new String((byte[]) malformedRow.getAs("value"), StandardCharsets.UTF_8))
        .isEqualTo(malformed);

    // raw = bronze + dead letter, matched on Kafka coordinates
    assertThat(pipeline.count(TableLayer.RAW)).isEqualTo(7);
    long accounted =
        pipeline
            .table(TableLayer.BRONZE)
            .selectExpr("_source.partition AS partition", "_source.offset AS offset")
            .union(pipeline.table(TableLayer.DEAD_LETTER).select("partition", "offset"))
            .distinct()
            .count();
    assertThat(accounted).isEqualTo(7);
  }

  private static String keyOf(Row row) {
    return new String((byte[]) row.getAs("key"), StandardCharsets.UTF_8);
  }

  private static String messageFor(List<Row> dead, String sensor) {
    return dead.stream()
        .filter(r -> keyOf(r).equals(key(sensor)))
        .findFirst()
        .orElseThrow()
        .getAs("error_message");
  }

  @Test
  void startingBeforeIngestFailsNamingTheMissingTable() {
    Pipeline pipeline = new Pipeline(lake);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> pipeline.run(JobName.DESERIALIZE))
        .hasMessageContaining(
            "input table "
                + pipeline.dataset.table(TableLayer.RAW)
                + " does not exist yet; run ingest-job");
  }
}
