package io.splitflow.merge.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.assertj.core.api.Assertions.assertThat;

import io.splitflow.common.config.MergeMode;
import io.splitflow.common.schema.FieldSpec;
import io.splitflow.common.schema.FieldType;
import io.splitflow.common.testing.SparkTestSession;
import io.splitflow.merge.BronzeFixtures;
import io.splitflow.merge.MergeHarness;
import io.splitflow.merge.MergeSpec;
import io.splitflow.merge.metrics.MergeEvent;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A batch reads only the gold partitions it can touch: the MERGE condition carries the batch's
 * partition values as literals. The same ids exist on every day, so only the day predicate can skip
 * files.
 */
class PartitionPruningTest {
  private static final List<FieldSpec> FIELDS =
      List.of(
          new FieldSpec("id", FieldType.STRING, true),
          new FieldSpec("day", FieldType.DATE, true),
          new FieldSpec("value", FieldType.DOUBLE, false),
          new FieldSpec("seq", FieldType.TIMESTAMP, true));
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  private static MergeSpec spec(MergeMode mode) {
    MergeSpec plain = MergeSpec.of("readings", mode, FIELDS, List.of("id", "day"), List.of("seq"));
    return new MergeSpec(
        plain.dataset(),
        mode,
        FIELDS,
        plain.keys(),
        plain.sequenceBy(),
        List.of(),
        Optional.empty(),
        List.of("day"),
        false,
        true,
        false,
        plain.tuning());
  }

  private static Date day(int n) {
    return Date.valueOf(LocalDate.of(2026, 11, n));
  }

  private static BronzeFixtures reading(
      BronzeFixtures batch, String id, int day, double value, long seq, long offset) {
    return batch.row(
        Map.of("id", id, "day", day(day), "value", value, "seq", BronzeFixtures.seq(seq)),
        offset,
        seq,
        false);
  }

  private long filesIn(MergeHarness h, int... days) {
    Object[] values = java.util.Arrays.stream(days).mapToObj(PartitionPruningTest::day).toArray();
    return h.gold
        .read(spark)
        .where(col("day").isin(values))
        .select(input_file_name())
        .distinct()
        .count();
  }

  @ParameterizedTest
  @EnumSource(MergeMode.class)
  void mergeScansOnlyThePartitionsOfTheBatch(MergeMode mode) {
    MergeHarness h = new MergeHarness(spark, dir, spec(mode));
    BronzeFixtures seed = new BronzeFixtures(FIELDS);
    long offset = 0;
    for (int d = 1; d <= 4; d++) {
      reading(seed, "x", d, 1.0, 10, offset++);
      reading(seed, "y", d, 1.0, 10, offset++);
    }
    h.merge(seed);
    long allFiles = filesIn(h, 1, 2, 3, 4);
    long filesOnDay2 = filesIn(h, 2);
    assertThat(filesOnDay2).isLessThan(allFiles);

    MergeEvent oneDay = h.merge(reading(new BronzeFixtures(FIELDS), "x", 2, 2.0, 20, 100));

    assertThat(oneDay.operationMetrics())
        .containsEntry("numTargetFilesBeforeSkipping", Long.toString(allFiles))
        .containsEntry("numTargetPartitionsAfterSkipping", "1")
        .containsEntry("numTargetFilesAfterSkipping", Long.toString(filesOnDay2));

    long filesOnDays1And3 = filesIn(h, 1, 3);
    MergeEvent twoDays =
        h.merge(
            reading(
                reading(new BronzeFixtures(FIELDS), "x", 1, 3.0, 30, 101), "y", 3, 3.0, 30, 102));

    assertThat(twoDays.operationMetrics())
        .containsEntry("numTargetPartitionsAfterSkipping", "2")
        .containsEntry("numTargetFilesAfterSkipping", Long.toString(filesOnDays1And3));
  }
}
