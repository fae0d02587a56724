package io.splitflow.deserialize.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.testing.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The Spark side of decoding: one pass splits a raw batch into typed bronze rows and dead letters.
 */
class JsonDecoderTest {
  private static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec("day", FieldType.DATE, true),
          new FieldSpec("n", FieldType.LONG, false),
          new FieldSpec("at", FieldType.TIMESTAMP, false));
  private static final Timestamp T0 = Timestamp.from(Instant.parse("2026-11-27T00:00:00Z"));
  private final SparkSession spark = SparkTestSession.get();

  private Dataset<Row> raw(String... values) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      byte[] value = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
      rows.add(
          RowFactory.create(
              null,
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
    return spark.createDataFrame(rows, TableSchemas.raw());
  }

  @Test
  void splitsOneBatchIntoTypedBronzeAndDeadLettersWithTheRawBytes() {
    JsonDecoder decoder = new JsonDecoder(FIELDS, UnknownFieldPolicy.IGNORE);
    Dataset<Row> decoded =
        decoder.decode(
            raw(
                "{\"id\":\"a\",\"day\":\"2026-11-27\",\"n\":5,\"at\":\"2026-11-27T08:00:00Z\"}",
                "{\"id\":\"b\",\"day\":\"2026-11-28\"}",
                "{\"id\":\"c\",\"day\":\"2026-11-28\",\"n\":\"five\"}",
                "[]",
                null));

    Decoded split = decoder.split(decoded, "1.2.3");

    assertThat(split.bronze().schema().simpleString())
        .isEqualTo(TableSchemas.bronze(FIELDS).simpleString());
    assertThat(split.bronze().orderBy("id").collectAsList())
        .extracting(
            r -> r.getAs("id"),
            r -> r.getAs("day").toString(),
            r -> r.getAs("n"),
            r -> r.getAs("at"))
        .containsExactly(
            tuple("a", "2026-11-27", 5L, Timestamp.from(Instant.parse("2026-11-27T08:00:00Z"))),
            tuple("b", "2026-11-28", null, null));
    assertThat(split.bronze().orderBy("id").first().<Row>getAs("_source").<Long>getAs("offset"))
        .isZero();

    assertThat(split.deadLetters().schema().simpleString())
        .isEqualTo(TableSchemas.deadLetter().simpleString());
    List<Row> dead = split.deadLetters().orderBy("offset").collectAsList();
    assertThat(dead)
        .extracting(
            r -> r.getAs("offset"),
            r -> r.getAs("stage"),
            r -> r.getAs("error_class"),
            r -> r.getAs("job_version"))
        .containsExactly(
            tuple(2L, "decode", "WRONG_TYPE", "1.2.3"),
            tuple(3L, "decode", "NOT_AN_OBJECT", "1.2.3"),
            tuple(4L, "decode", "NULL_VALUE", "1.2.3"));
    assertThat(dead.get(0).<String>getAs("error_message"))
        .isEqualTo("field 'n': expected long, found string \"five\"");
    assertThat(new String((byte[]) dead.get(0).getAs("value"), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"c\",\"day\":\"2026-11-28\",\"n\":\"five\"}");
    assertThat(dead.get(0).getList(dead.get(0).fieldIndex("failed_rules"))).isEmpty();
  }
}
