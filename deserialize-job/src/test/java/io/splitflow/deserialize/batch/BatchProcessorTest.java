package io.splitflow.deserialize.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.TombstoneKey;
import io.splitflow.common.events.SourceRange;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.deserialize.decode.BatchDecoder;
import io.splitflow.deserialize.decode.JsonRecordDecoder;
import io.splitflow.deserialize.decode.TombstoneKeyDecoder;
import io.splitflow.deserialize.decode.UnknownFieldPolicy;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** One batch from raw rows to bronze rows, dead letters and counts, decoding each row once. */
class BatchProcessorTest {
  private static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec("day", FieldType.DATE, true),
          new FieldSpec("n", FieldType.LONG, false),
          new FieldSpec("at", FieldType.TIMESTAMP, false));
  private static final Timestamp T0 = Timestamp.from(Instant.parse("2026-11-27T00:00:00Z"));
  private final SparkSession spark = SparkTestSession.get();

  private Dataset<Row> raw(String[][] keyValues) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < keyValues.length; i++) {
      byte[] key =
          keyValues[i][0] == null ? null : keyValues[i][0].getBytes(StandardCharsets.UTF_8);
      byte[] value =
          keyValues[i][1] == null ? null : keyValues[i][1].getBytes(StandardCharsets.UTF_8);
      rows.add(
          RowFactory.create(
              key,
              value,
              "t",
              0,
              (long) i,
              T0,
              0,
              List.of(),
              T0,
              Date.valueOf(LocalDate.of(2026, 11, 27))));
    }
    // repartitioned so the plan really runs in tasks (a local relation would be evaluated on the
    // driver, hiding serialization bugs)
    return spark.createDataFrame(rows, TableSchemas.raw()).repartition(2);
  }

  private BatchProcessor processor(TombstoneKey tombstones) {
    return new BatchProcessor(
        FIELDS,
        new BatchDecoder(
            FIELDS,
            new JsonRecordDecoder(FIELDS, UnknownFieldPolicy.IGNORE),
            new TombstoneKeyDecoder(tombstones, FIELDS, List.of("id", "day"))),
        RuleStage.NONE,
        "1.2.3");
  }

  @Test
  void splitsOneBatchIntoTypedBronzeAndDeadLettersWithTheRawBytesAndCounts() {
    Dataset<Row> raw =
        raw(
            new String[][] {
              {
                "a|2026-11-27",
                "{\"id\":\"a\",\"day\":\"2026-11-27\",\"n\":5,\"at\":\"2026-11-27T08:00:00Z\"}"
              },
              {"b|2026-11-28", "{\"id\":\"b\",\"day\":\"2026-11-28\"}"},
              {"c|2026-11-28", "{\"id\":\"c\",\"day\":\"2026-11-28\",\"n\":\"five\"}"},
              {null, "[]"},
              {"d|2026-11-29", null},
            });

    try (BatchProcessor.Processed batch =
        processor(new TombstoneKey("delimited", Optional.of("|"))).process(raw)) {
      assertThat(batch.bronze().schema().simpleString())
          .isEqualTo(TableSchemas.bronze(FIELDS).simpleString());
      assertThat(batch.bronze().orderBy("id").collectAsList())
          .extracting(
              r -> r.getAs("id"),
              r -> r.getAs("day").toString(),
              r -> r.getAs("n"),
              r -> r.getAs("_deleted"))
          .containsExactly(
              tuple("a", "2026-11-27", 5L, false),
              tuple("b", "2026-11-28", null, false),
              tuple("d", "2026-11-29", null, true));
      assertThat(batch.bronze().orderBy("id").first().<Row>getAs("_source").<Long>getAs("offset"))
          .isZero();

      assertThat(batch.deadLetters().schema().simpleString())
          .isEqualTo(TableSchemas.deadLetter().simpleString());
      List<Row> dead = batch.deadLetters().orderBy("offset").collectAsList();
      assertThat(dead)
          .extracting(
              r -> r.getAs("offset"),
              r -> r.getAs("stage"),
              r -> r.getAs("error_class"),
              r -> r.getAs("job_version"))
          .containsExactly(
              tuple(2L, "decode", "WRONG_TYPE", "1.2.3"),
              tuple(3L, "decode", "NOT_AN_OBJECT", "1.2.3"));
      assertThat(dead.get(0).<String>getAs("error_message"))
          .isEqualTo("field 'n': expected long, found string \"five\"");
      assertThat(new String((byte[]) dead.get(0).getAs("value"), StandardCharsets.UTF_8))
          .isEqualTo("{\"id\":\"c\",\"day\":\"2026-11-28\",\"n\":\"five\"}");
      assertThat(dead.get(0).getList(dead.get(0).fieldIndex("failed_rules"))).isEmpty();
      assertThat(dead.get(0).<Object>getAs("replayed_at")).isNull();

      BatchCounts counts = batch.counts();
      assertThat(counts.input()).isEqualTo(5);
      assertThat(counts.bronze()).isEqualTo(3);
      assertThat(counts.deletes()).isEqualTo(1);
      assertThat(counts.deadLetters()).isEqualTo(2);
      assertThat(counts.deadLettersByReason())
          .isEqualTo(Map.of("WRONG_TYPE", 1L, "NOT_AN_OBJECT", 1L));
      assertThat(counts.sources()).containsExactly(new SourceRange("t", 0, 0, 4, 5, 0));
    }
  }

  @Test
  void aTombstoneIsADeleteWithItsKeyTakenFromTheKafkaKey() {
    Dataset<Row> raw =
        raw(new String[][] {{"{\"id\":\"x\",\"day\":\"2026-11-27\"}", null}, {"no-json", null}});

    try (BatchProcessor.Processed batch =
        processor(new TombstoneKey("json", Optional.empty())).process(raw)) {
      assertThat(batch.bronze().collectAsList())
          .extracting(r -> r.getAs("id"), r -> r.getAs("day").toString(), r -> r.getAs("_deleted"))
          .containsExactly(tuple("x", "2026-11-27", true));
      Row dead = batch.deadLetters().first();
      assertThat(dead.<String>getAs("error_class")).isEqualTo("BAD_TOMBSTONE_KEY");
      assertThat(dead.<String>getAs("error_message"))
          .startsWith(
              "tombstone cannot be a delete: its key is not a JSON object with the key fields: malformed JSON");
    }
  }

  @Test
  void aConnectWrappedJsonKeyIsUnwrappedLikeDebeziumTombstonesNeed() {
    String key =
        "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"id\":\"y\",\"day\":\"2026-11-28\"}}";
    try (BatchProcessor.Processed batch =
        processor(new TombstoneKey("json", Optional.empty()))
            .process(raw(new String[][] {{key, null}}))) {
      assertThat(batch.bronze().collectAsList())
          .extracting(r -> r.getAs("id"), r -> r.getAs("day").toString(), r -> r.getAs("_deleted"))
          .containsExactly(tuple("y", "2026-11-28", true));
    }
  }

  @Test
  void withoutAKeyFormatATombstoneIsStillADeleteWithNullKeys() {
    try (BatchProcessor.Processed batch =
        processor(null).process(raw(new String[][] {{"k", null}}))) {
      Row row = batch.bronze().first();
      assertThat(row.<Boolean>getAs("_deleted")).isTrue();
      assertThat(row.<String>getAs("id")).isNull();
      assertThat(batch.deadLetters().count()).isZero();
    }
  }

  @Test
  void delimitedKeysAreCheckedPartByPart() {
    try (BatchProcessor.Processed batch =
        processor(new TombstoneKey("delimited", Optional.of("|")))
            .process(raw(new String[][] {{"a|27/11", null}, {"a", null}}))) {
      assertThat(batch.deadLetters().orderBy("offset").collectAsList())
          .extracting(r -> r.<String>getAs("error_message"))
          .containsExactly(
              "tombstone cannot be a delete: key field 'day': '27/11' is not a date",
              "tombstone cannot be a delete: its key 'a' has 1 parts; expected 2 separated by '|'");
    }
  }

  @Test
  void errorBudgetStopsABatchThatDeadLettersTooMuchNamingRatioAndReasons() {
    try (BatchProcessor.Processed batch =
        processor(null)
            .process(
                raw(
                    new String[][] {
                      {"k", "{"},
                      {"k", "{"},
                      {"k", "[1]"},
                      {"k", "{\"id\":\"a\",\"day\":\"2026-11-27\"}"}
                    }))) {
      assertThatThrownBy(() -> ErrorBudget.check("d", 7, batch.counts(), OptionalDouble.of(0.5)))
          .hasMessage(
              "datasets.d.max-dead-letter-ratio: batch 7 would dead-letter 3 of 4 records (75.0%, limit 50.0%);"
                  + " top reasons: MALFORMED_JSON=2, NOT_AN_OBJECT=1. Nothing of this batch was written; fix the"
                  + " producer or the config and restart, or raise the limit.");
      ErrorBudget.check("d", 7, batch.counts(), OptionalDouble.of(0.75));
      ErrorBudget.check("d", 7, batch.counts(), OptionalDouble.empty());
    }
  }
}
