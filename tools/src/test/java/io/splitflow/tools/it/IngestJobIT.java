package io.splitflow.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.TableLayer;
import io.splitflow.common.job.JobName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class IngestJobIT {
  @TempDir Path lake;

  @Test
  void rawHoldsEveryRecordsBytesAndCoordinatesOnceAcrossRuns() throws Exception {
    Pipeline pipeline = new Pipeline(lake);
    ProducerRecord<byte[], byte[]> withHeaders = pipeline.record("k1", "{\"a\":1}");
    withHeaders.headers().add("trace-id", new byte[] {0, 1, (byte) 0xff});
    pipeline.produce(
        List.of(withHeaders, pipeline.record(null, "not json"), pipeline.record("k2", null)));

    pipeline.run(JobName.INGEST);

    List<Row> raw = pipeline.table(TableLayer.RAW).orderBy("partition", "offset").collectAsList();
    assertThat(raw).hasSize(3);
    assertThat(raw.get(0).schema().fieldNames())
        .containsExactly(
            "key",
            "value",
            "topic",
            "partition",
            "offset",
            "timestamp",
            "timestamp_type",
            "headers",
            "ingested_at",
            "ingest_date");
    assertThat(raw).allSatisfy(r -> assertThat(r.<String>getAs("topic")).isEqualTo(pipeline.topic));
    Row headerRow =
        raw.stream()
            .filter(
                r ->
                    r.getAs("key") != null
                        && new String((byte[]) r.getAs("key"), StandardCharsets.UTF_8).equals("k1"))
            .findFirst()
            .orElseThrow();
    assertThat(new String((byte[]) headerRow.getAs("value"), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}");
    Row header = headerRow.<Row>getList(headerRow.fieldIndex("headers")).get(0);
    assertThat(header.getString(0)).isEqualTo("trace-id");
    assertThat((byte[]) header.get(1)).containsExactly(0, 1, 0xff);
    assertThat(raw).filteredOn(r -> r.getAs("key") == null).hasSize(1);
    assertThat(raw).filteredOn(r -> r.getAs("value") == null).hasSize(1);

    pipeline.run(JobName.INGEST);
    assertThat(pipeline.count(TableLayer.RAW))
        .as("a run with nothing new adds nothing")
        .isEqualTo(3);

    pipeline.produce(List.of(pipeline.record("k3", "{}"), pipeline.record("k4", "{}")));
    pipeline.run(JobName.INGEST);
    assertThat(pipeline.count(TableLayer.RAW)).isEqualTo(5);
    assertThat(pipeline.table(TableLayer.RAW).select("partition", "offset").distinct().count())
        .isEqualTo(5);
  }

  @Test
  void rawIsCreatedPartitionedByIngestDateEvenBeforeTheFirstRecord() throws Exception {
    Pipeline pipeline = new Pipeline(lake);

    pipeline.run(JobName.INGEST);

    assertThat(pipeline.count(TableLayer.RAW)).isZero();
    Row detail =
        pipeline
            .spark
            .sql("DESCRIBE DETAIL " + pipeline.dataset.table(TableLayer.RAW).sqlName())
            .head();
    assertThat(detail.<String>getList(detail.fieldIndex("partitionColumns")))
        .containsExactly("ingest_date");
  }
}
