package io.splitflow.deserialize.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.splitflow.common.job.PermanentException;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.schema.TableSchemas;
import io.splitflow.common.testing.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A record whose decoding runs out of memory stops the job with its coordinates, through a real
 * Spark task: retried it would fail the same way at every restart, and dead-lettering it would hide
 * a sizing problem.
 */
class BatchDecoderOutOfMemoryTest {
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void theFailureIsPermanentAndNamesTheRecordsCoordinates() {
    List<FieldSpec> fields = List.of(new FieldSpec("id", FieldType.STRING, true));
    RecordDecoder decoder =
        value -> {
          if (new String(value, StandardCharsets.UTF_8).equals("huge")) {
            throw new OutOfMemoryError("Java heap space");
          }
          return DecodeResult.ok(new Object[] {"a"});
        };
    BatchDecoder batch =
        new BatchDecoder(fields, decoder, new TombstoneKeyDecoder(null, fields, List.of("id")));
    Dataset<Row> raw =
        spark.createDataFrame(List.of(raw(6, "fine"), raw(7, "huge")), TableSchemas.raw());

    Throwable thrown = catchThrowable(() -> batch.decode(raw).collectAsList());

    PermanentException permanent = null;
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof PermanentException p) {
        permanent = p;
      }
    }
    assertThat(permanent).as("a PermanentException in the chain of %s", thrown).isNotNull();
    assertThat(permanent.key()).isEqualTo(BatchDecoder.OUT_OF_MEMORY);
    assertThat(permanent.getMessage())
        .startsWith("decoding the record at topic t, partition 3, offset 7 (4-byte value) ran out")
        .contains("spark.executor.memory");
  }

  private static Row raw(long offset, String value) {
    Timestamp t = Timestamp.valueOf("2026-11-27 00:00:00");
    return RowFactory.create(
        null,
        value.getBytes(StandardCharsets.UTF_8),
        "t",
        3,
        offset,
        t,
        0,
        List.of(),
        t,
        Date.valueOf("2026-11-27"));
  }
}
