package io.splitflow.tools.it;

import static io.splitflow.tools.it.Readings.json;
import static io.splitflow.tools.it.Readings.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.splitflow.common.config.TableLayer;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SCD2 through the real broker: history across runs, a late version, a delete by tombstone. */
@Timeout(600)
class Scd2IT {
  @TempDir Path lake;

  @Test
  void historyIsRightUnderLateDataAndDeletesAcrossRuns() throws Exception {
    Pipeline p =
        new Pipeline(
            lake,
            yaml ->
                yaml.replaceFirst(
                    "mode: scd1\n      keys: \\[sensor_id, reading_date\\]",
                    "mode: scd2\n      keys: [sensor_id, reading_date]"));
    p.produce(
        List.of(
            p.record(key("a"), json("a", 1.0, "C", "01:00:00.000")),
            p.record(key("a"), json("a", 3.0, "C", "03:00:00.000")),
            p.record(key("b"), json("b", 7.0, "C", "01:00:00.000"))));
    p.runAll();

    assertThat(history(p, "a"))
        .containsExactly(tuple(1.0, "01:00", "03:00", false), tuple(3.0, "03:00", null, true));

    p.produce(
        List.of(
            p.record(key("a"), json("a", 2.0, "C", "02:00:00.000")), // late: between the two
            p.record(key("a"), json("a", 3.0, "C", "03:00:00.000")), // re-delivery
            p.record(
                key("b"), null))); // tombstone: deletes b (sequenced by its Kafka timestamp, now)
    p.runAll();

    assertThat(history(p, "a"))
        .containsExactly(
            tuple(1.0, "01:00", "02:00", false),
            tuple(2.0, "02:00", "03:00", false),
            tuple(3.0, "03:00", null, true));
    assertThat(
            p.table(TableLayer.GOLD)
                .where("sensor_id = 'b' AND _is_current AND NOT _deleted")
                .count())
        .as("b is deleted")
        .isZero();
    assertThat(
            p.table(TableLayer.GOLD)
                .where("sensor_id = 'b' AND NOT _deleted")
                .first()
                .<Timestamp>getAs("_valid_to"))
        .as("the delete closed b's last version")
        .isNotNull();
  }

  private static List<org.assertj.core.groups.Tuple> history(Pipeline p, String sensor) {
    return p
        .table(TableLayer.GOLD)
        .where("sensor_id = '" + sensor + "' AND NOT _deleted")
        .orderBy("_valid_from")
        .collectAsList()
        .stream()
        .map(
            (Row r) ->
                tuple(
                    r.getAs("value"),
                    hhmm(r.getAs("_valid_from")),
                    hhmm(r.getAs("_valid_to")),
                    r.getAs("_is_current")))
        .toList();
  }

  private static String hhmm(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString().substring(11, 16);
  }
}
